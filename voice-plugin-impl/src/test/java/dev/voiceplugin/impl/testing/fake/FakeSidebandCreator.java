package dev.voiceplugin.impl.testing.fake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Accepts or refuses a sideband handshake as the provider does: OpenAI only with the standard key
 * (an {@code ek_} gets {@code 404 call_id_not_found}, as reported since 2026-09), Azure with the
 * api-key or the Entra ID token; an unknown or hung-up call id is a 404 as well.
 */
final class FakeSidebandCreator implements WebSocketCreator {
  private final FakeRealtimeProvider fake;

  FakeSidebandCreator(FakeRealtimeProvider fake) {
    this.fake = fake;
  }

  @Override
  public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
    RecordedRequest recorded = FakeRoutes.record(request, new byte[0]);
    fake.record(recorded);
    boolean azure = recorded.path().startsWith("/openai/");
    String callId = Request.extractQueryParameters(request).getValue("call_id");
    String auth = recorded.header("Authorization").orElse("");
    Optional<FakeRealtimeProvider.Canned> fault = fake.takeFault(FakeRealtimeProvider.Stage.SIDEBAND);
    if (fault.isPresent()) {
      return refuse(response, callback, fault.get().status(), fault.get().body());
    }
    if (fake.refuseSidebands) {
      return refuse(response, callback, 503, FakeRealtimeProvider.error("server_error", null, "The server is overloaded."));
    }
    boolean keyAccepted = azure
        ? recorded.header("api-key").orElse("").equals(FakeRealtimeProvider.AZURE_KEY)
            || auth.equals("Bearer " + FakeRealtimeProvider.ENTRA_TOKEN)
        : auth.equals("Bearer " + FakeRealtimeProvider.OPENAI_KEY);
    if (!keyAccepted && !auth.startsWith("Bearer ek_")) {
      String presented = azure ? recorded.header("api-key").orElse(auth) : auth;
      return refuse(response, callback, 401, FakeRealtimeProvider.error("invalid_request_error", "invalid_api_key",
          "Incorrect API key provided: " + presented.replaceFirst("^Bearer ", "") + "."));
    }
    String model = Request.extractQueryParameters(request).getValue("model");
    if (callId == null && model != null && keyAccepted) {
      // A relay's own session (wss://…/v1/realtime?model=…), not a sideband.
      if (!recorded.query().matches("model=[^&]+")) {
        fake.violation("a relay stream URL has exactly the query model=…, was " + recorded.query());
      }
      return fake.addStream(new FakeStream(model, fake::violation, fake.confirmStreams));
    }
    if (recorded.query() == null || !recorded.query().matches("call_id=[^&]+")) {
      fake.violation("a sideband URL has exactly the query call_id=…, was " + recorded.query());
    }
    Optional<FakeCall> call = callId == null ? Optional.empty() : fake.findCall(callId);
    if (!keyAccepted || call.isEmpty() || call.get().hungUp() || call.get().flavor().live()
        || (call.get().flavor() == FakeCall.Flavor.AZURE) != azure) {
      return refuse(response, callback, 404, FakeRealtimeProvider.error("invalid_request_error", "call_id_not_found",
          "No session found for the provided call_id"));
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
