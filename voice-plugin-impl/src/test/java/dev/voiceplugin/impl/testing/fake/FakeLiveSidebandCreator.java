package dev.voiceplugin.impl.testing.fake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Accepts or refuses a GPT-Live sideband ({@code …/live/sessions/{id}/attach}) as the provider
 * does: with the credential of the session's project (OpenAI key, Azure api-key or Entra ID
 * token), never an ephemeral key, for a session that exists, is still running and was created on
 * the same API (OpenAI or Azure).
 */
final class FakeLiveSidebandCreator implements WebSocketCreator {
  private static final Pattern PATH = Pattern.compile("(/openai)?/v1/live/sessions/([^/]+)/attach");
  private final FakeRealtimeProvider fake;

  FakeLiveSidebandCreator(FakeRealtimeProvider fake) {
    this.fake = fake;
  }

  @Override
  public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
    RecordedRequest recorded = FakeRoutes.record(request, new byte[0]);
    fake.record(recorded);
    Matcher path = PATH.matcher(recorded.path());
    if (!path.matches()) {
      return refuse(response, callback, 404, FakeLiveRoutes.envelope(null, null, "Invalid URL"));
    }
    boolean azure = path.group(1) != null;
    Optional<FakeRealtimeProvider.Canned> fault = fake.takeFault(FakeRealtimeProvider.Stage.SIDEBAND);
    if (fault.isPresent()) {
      return refuse(response, callback, fault.get().status(), fault.get().body());
    }
    if (fake.refuseSidebands) {
      return refuse(response, callback, 503, FakeRealtimeProvider.error("server_error", null, "The server is overloaded."));
    }
    String auth = recorded.header("Authorization").orElse("");
    boolean keyAccepted = azure
        ? recorded.header("api-key").orElse("").equals(FakeRealtimeProvider.AZURE_KEY)
            || auth.equals("Bearer " + FakeRealtimeProvider.ENTRA_TOKEN)
        : auth.equals("Bearer " + FakeRealtimeProvider.OPENAI_KEY);
    if (!keyAccepted) {
      return refuse(response, callback, 401, FakeRealtimeProvider.error("invalid_request_error", "invalid_api_key",
          "Incorrect API key provided."));
    }
    if (recorded.query() != null) {
      fake.violation("a GPT-Live attach URL takes no query, was " + recorded.query());
    }
    Optional<FakeCall> call = fake.findCall(path.group(2));
    if (call.isEmpty() || !call.get().flavor().live() || call.get().flavor().azure() != azure
        || call.get().sessionClosed().isPresent()) {
      return refuse(response, callback, 404, FakeLiveRoutes.envelope("session_not_found", null,
          "No Live session found with this id."));
    }
    return new FakeSideband(call.get(), fake::violation);
  }

  private static Object refuse(ServerUpgradeResponse response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/json");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return null;
  }
}
