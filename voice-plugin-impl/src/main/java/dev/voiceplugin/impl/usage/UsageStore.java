package dev.voiceplugin.impl.usage;

import dev.voiceplugin.impl.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Usage of server-controlled calls in PostgreSQL: one idempotent row per billed provider event (one
 * rising row per GPT-Live call for its seconds), and the tenant-scoped sums behind budgets and the
 * usage views. Days are UTC.
 */
public final class UsageStore {
  /** The sums every priced query selects after model, input and output tokens, in this order. */
  private static final String DETAIL_SUMS = "sum(input_text_tokens), sum(input_audio_tokens), sum(input_cached_tokens),"
      + " sum(output_text_tokens), sum(output_audio_tokens), sum(session_seconds), sum(standby_seconds)";

  private final Database database;
  private final PriceTable prices;
  private final String usage;
  private final String calls;

  public UsageStore(Database database, PriceTable prices) {
    this.database = database;
    this.prices = prices;
    this.usage = database.schema() + ".voice_call_usage";
    this.calls = database.schema() + ".voice_calls";
  }

  /**
   * Totals of some usage, with the cost estimate when the price table knows the models.
   *
   * @param sessionSeconds GPT-Live session time billed, in seconds (0 for Realtime calls)
   * @param standbySeconds the part of it billed at the standby rate, where the provider reported it
   */
  public record Totals(long inputTokens, long outputTokens, double sessionSeconds, double standbySeconds,
      Optional<Double> estimatedCost) {
    public Totals(long inputTokens, long outputTokens, Optional<Double> estimatedCost) {
      this(inputTokens, outputTokens, 0, 0, estimatedCost);
    }

    public long totalTokens() {
      return inputTokens + outputTokens;
    }
  }

  /** @param sessionSeconds GPT-Live session time billed that day */
  public record Day(LocalDate day, int calls, double minutes, long inputTokens, long outputTokens, double sessionSeconds,
      Optional<Double> estimatedCost) {}

  public record UserUsage(String userId, int calls, double minutes, long totalTokens, double sessionSeconds,
      Optional<Double> estimatedCost) {}

  /**
   * Records one event; false when it was recorded before (a replay after failover). A cumulative
   * event (GPT-Live's seconds so far) keeps one row per call that only rises: true when it rose.
   *
   * @param model the call's model; an event that names its own (a delegated backend model) is recorded under that
   */
  public boolean record(String tenant, UUID call, String user, String model, UsageEvent e, Instant at) {
    String sql = "insert into " + usage + " as u (tenant_id, event_key, call_id, user_id, recorded_at, model, input_tokens,"
        + " output_tokens, input_text_tokens, input_audio_tokens, input_cached_tokens, output_text_tokens, output_audio_tokens,"
        + " transcription_seconds, session_seconds, standby_seconds) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
        + (e.cumulative()
            ? " on conflict (tenant_id, event_key) do update set session_seconds = excluded.session_seconds,"
                + " standby_seconds = greatest(u.standby_seconds, excluded.standby_seconds), recorded_at = excluded.recorded_at"
                + " where excluded.session_seconds > u.session_seconds"
            : " on conflict do nothing");
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setString(2, e.cumulative() ? e.key() + ":" + call : e.key());
      ps.setObject(3, call);
      ps.setString(4, user);
      ps.setTimestamp(5, Timestamp.from(at));
      ps.setString(6, e.model() != null ? e.model() : model);
      ps.setLong(7, e.inputTokens());
      ps.setLong(8, e.outputTokens());
      ps.setLong(9, e.inputText());
      ps.setLong(10, e.inputAudio());
      ps.setLong(11, e.inputCached());
      ps.setLong(12, e.outputText());
      ps.setLong(13, e.outputAudio());
      ps.setDouble(14, e.transcriptionSeconds());
      ps.setDouble(15, e.sessionSeconds());
      ps.setDouble(16, e.standbySeconds());
      return ps.executeUpdate() == 1;
    } catch (SQLException ex) {
      throw database.failure(ex);
    }
  }

  /** Tokens the tenant's calls used in the calendar month (UTC) of {@code now}. */
  public long monthTokens(String tenant, Instant now) {
    LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
    String sql = "select coalesce(sum(input_tokens + output_tokens), 0) from " + usage + " where tenant_id = ? and recorded_at >= ?";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setTimestamp(2, Timestamp.from(first.atStartOfDay(ZoneOffset.UTC).toInstant()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException ex) {
      throw database.failure(ex);
    }
  }

  /** What one call of the tenant used so far. */
  public Totals ofCall(String tenant, UUID call) {
    String sql = "select model, sum(input_tokens), sum(output_tokens), " + DETAIL_SUMS + " from " + usage
        + " where tenant_id = ? and call_id = ? group by model";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setObject(2, call);
      try (ResultSet rs = ps.executeQuery()) {
        long in = 0;
        long out = 0;
        double seconds = 0;
        double standby = 0;
        Optional<Double> cost = Optional.of(0.0);
        while (rs.next()) {
          in += rs.getLong(2);
          out += rs.getLong(3);
          seconds += rs.getDouble(9);
          standby += rs.getDouble(10);
          cost = add(cost, price(rs, 1));
        }
        return new Totals(in, out, seconds, standby, in + out == 0 && seconds == 0 && prices.isEmpty() ? Optional.empty() : cost);
      }
    } catch (SQLException ex) {
      throw database.failure(ex);
    }
  }

  /** Every day of the last {@code days} (today included), zeros where nothing happened. */
  public List<Day> daily(String tenant, int days, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate first = today.minusDays(days - 1L);
    Map<LocalDate, long[]> tokens = new LinkedHashMap<>();
    Map<LocalDate, double[]> seconds = new LinkedHashMap<>();
    Map<LocalDate, Optional<Double>> costs = new LinkedHashMap<>();
    Map<LocalDate, double[]> callsAndMinutes = new LinkedHashMap<>();
    for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
      tokens.put(d, new long[2]);
      seconds.put(d, new double[1]);
      costs.put(d, prices.isEmpty() ? Optional.empty() : Optional.of(0.0));
      callsAndMinutes.put(d, new double[2]);
    }
    Timestamp since = Timestamp.from(first.atStartOfDay(ZoneOffset.UTC).toInstant());
    String usageSql = "select (recorded_at at time zone 'UTC')::date, model, sum(input_tokens), sum(output_tokens), " + DETAIL_SUMS
        + " from " + usage + " where tenant_id = ? and recorded_at >= ? group by 1, 2";
    String callSql = "select (started_at at time zone 'UTC')::date, count(*), sum(extract(epoch from (coalesce(ended_at, now())"
        + " - started_at))) / 60 from " + calls + " where tenant_id = ? and started_at >= ? and end_reason is distinct from 'create_failed'"
        + " group by 1";
    try (Connection c = database.connection()) {
      try (PreparedStatement ps = c.prepareStatement(usageSql)) {
        ps.setString(1, tenant);
        ps.setTimestamp(2, since);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            LocalDate d = rs.getObject(1, LocalDate.class);
            long[] t = tokens.get(d);
            if (t != null) {
              t[0] += rs.getLong(3);
              t[1] += rs.getLong(4);
              seconds.get(d)[0] += rs.getDouble(10);
              costs.put(d, add(costs.get(d), price(rs, 2)));
            }
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(callSql)) {
        ps.setString(1, tenant);
        ps.setTimestamp(2, since);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            double[] cm = callsAndMinutes.get(rs.getObject(1, LocalDate.class));
            if (cm != null) {
              cm[0] = rs.getInt(2);
              cm[1] = rs.getDouble(3);
            }
          }
        }
      }
    } catch (SQLException ex) {
      throw database.failure(ex);
    }
    List<Day> result = new ArrayList<>();
    tokens.forEach((d, t) -> result.add(new Day(d, (int) callsAndMinutes.get(d)[0], round(callsAndMinutes.get(d)[1]), t[0], t[1],
        seconds.get(d)[0], costs.get(d))));
    return result;
  }

  /** Per user over the last {@code days}, most tokens first. */
  public List<UserUsage> perUser(String tenant, int days, Instant now) {
    Timestamp since = Timestamp.from(LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC).toInstant());
    String sql = "select user_id, count(*), sum(extract(epoch from (coalesce(ended_at, now()) - started_at))) / 60 from " + calls
        + " where tenant_id = ? and started_at >= ? and end_reason is distinct from 'create_failed' group by user_id";
    String tokensSql = "select user_id, model, sum(input_tokens), sum(output_tokens), " + DETAIL_SUMS + " from " + usage
        + " where tenant_id = ? and recorded_at >= ? group by 1, 2";
    Map<String, double[]> callsByUser = new LinkedHashMap<>();
    Map<String, long[]> tokensByUser = new LinkedHashMap<>();
    Map<String, double[]> secondsByUser = new LinkedHashMap<>();
    Map<String, Optional<Double>> costByUser = new LinkedHashMap<>();
    try (Connection c = database.connection()) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, tenant);
        ps.setTimestamp(2, since);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            callsByUser.put(rs.getString(1), new double[] {rs.getInt(2), rs.getDouble(3)});
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(tokensSql)) {
        ps.setString(1, tenant);
        ps.setTimestamp(2, since);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String user = rs.getString(1);
            tokensByUser.computeIfAbsent(user, u -> new long[1])[0] += rs.getLong(3) + rs.getLong(4);
            secondsByUser.computeIfAbsent(user, u -> new double[1])[0] += rs.getDouble(10);
            costByUser.put(user, add(costByUser.getOrDefault(user, Optional.of(0.0)), price(rs, 2)));
          }
        }
      }
    } catch (SQLException ex) {
      throw database.failure(ex);
    }
    List<UserUsage> result = new ArrayList<>();
    callsByUser.forEach((user, cm) -> result.add(new UserUsage(user, (int) cm[0], round(cm[1]),
        tokensByUser.getOrDefault(user, new long[1])[0], secondsByUser.getOrDefault(user, new double[1])[0], prices.isEmpty() ? Optional.empty() : costByUser.getOrDefault(user, Optional.of(0.0)))));
    result.sort((a, b) -> Long.compare(b.totalTokens(), a.totalTokens()));
    return result;
  }

  /**
   * The estimate of one result row whose model is at {@code modelColumn}, followed by the input and
   * output sums and {@link #DETAIL_SUMS}.
   */
  private Optional<Double> price(ResultSet rs, int modelColumn) throws SQLException {
    int i = modelColumn + 3; // model, input, output, then text in, audio in, cached in, text out, audio out, seconds, standby
    return prices.estimate(rs.getString(modelColumn), rs.getLong(i), rs.getLong(i + 1), rs.getLong(i + 2), rs.getLong(i + 3),
        rs.getLong(i + 4), rs.getDouble(i + 5), rs.getDouble(i + 6));
  }

  private static Optional<Double> add(Optional<Double> a, Optional<Double> b) {
    return a.isPresent() && b.isPresent() ? Optional.of(a.get() + b.get()) : Optional.empty();
  }

  private static double round(double minutes) {
    return Math.round(minutes * 10) / 10.0;
  }
}
