package dev.voiceplugin.impl.usage;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.tenancy.Tenancy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /api/v1/usage/daily}, {@code /usage/users}, {@code /usage/daily.csv}: the tenant's usage, for its admins only. */
@Path("usage")
public final class UsageResource {
  private final Tenancy tenancy;
  private final UsageStore usage;
  private final Clock clock;

  public UsageResource(Tenancy tenancy, UsageStore usage, Clock clock) {
    this.tenancy = tenancy;
    this.usage = usage;
    this.clock = clock;
  }

  /**
   * One day in the API; the cost is null when the price table does not cover the models used.
   * {@code sessionSeconds} is GPT-Live's billed session time (GPT-Live bills seconds, not tokens).
   */
  public record DayView(String day, int calls, double minutes, long inputTokens, long outputTokens, long totalTokens,
      double sessionSeconds, Double estimatedCost) {}

  public record UserView(String userId, int calls, double minutes, long totalTokens, double sessionSeconds, Double estimatedCost) {}

  @GET
  @Path("daily")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> daily(@Context HttpServletRequest request, @QueryParam("days") @DefaultValue("30") int days) {
    Caller admin = tenancy.requireAdmin(request);
    return Map.of("currency", "USD", "days", days(admin, days));
  }

  @GET
  @Path("users")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> users(@Context HttpServletRequest request, @QueryParam("days") @DefaultValue("30") int days) {
    Caller admin = tenancy.requireAdmin(request);
    List<UserView> users = usage.perUser(admin.tenant().value(), check(days), clock.instant()).stream()
        .map(u -> new UserView(u.userId(), u.calls(), u.minutes(), u.totalTokens(), seconds(u.sessionSeconds()),
            u.estimatedCost().orElse(null))).toList();
    return Map.of("currency", "USD", "users", users);
  }

  @GET
  @Path("daily.csv")
  @Produces("text/csv")
  public Response csv(@Context HttpServletRequest request, @QueryParam("days") @DefaultValue("30") int days) {
    Caller admin = tenancy.requireAdmin(request);
    // session_seconds last, so readers of the older columns by position are not thrown.
    StringBuilder csv = new StringBuilder("day,calls,minutes,input_tokens,output_tokens,total_tokens,estimated_cost_usd,"
        + "session_seconds\r\n");
    for (DayView d : days(admin, days)) {
      csv.append(d.day()).append(',').append(d.calls()).append(',').append(String.format(Locale.ROOT, "%.1f", d.minutes()))
          .append(',').append(d.inputTokens()).append(',').append(d.outputTokens()).append(',').append(d.totalTokens())
          .append(',').append(d.estimatedCost() == null ? "" : String.format(Locale.ROOT, "%.4f", d.estimatedCost()))
          .append(',').append(String.format(Locale.ROOT, "%.1f", d.sessionSeconds())).append("\r\n");
    }
    return Response.ok(csv.toString(), "text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"voice-usage-" + admin.tenant().value().replaceAll("[^A-Za-z0-9._-]", "_")
            + ".csv\"").header("Cache-Control", "no-store").build();
  }

  private List<DayView> days(Caller admin, int days) {
    return usage.daily(admin.tenant().value(), check(days), clock.instant()).stream()
        .map(d -> new DayView(d.day().toString(), d.calls(), d.minutes(), d.inputTokens(), d.outputTokens(),
            d.inputTokens() + d.outputTokens(), seconds(d.sessionSeconds()), d.estimatedCost().orElse(null))).toList();
  }

  /** Seconds to one decimal: the provider reports fractions, a person reads tenths. */
  private static double seconds(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static int check(int days) {
    if (days < 1 || days > 366) {
      throw new VoicePluginException(400, "invalid_range", "days must be 1 to 366.", "Use ?days=30.");
    }
    return days;
  }
}
