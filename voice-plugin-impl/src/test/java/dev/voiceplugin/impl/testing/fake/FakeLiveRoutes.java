package dev.voiceplugin.impl.testing.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.web.Json;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fake's GPT-Live REST side: {@code POST /v1/live/sessions} and Azure's {@code
 * /openai/v1/live/sessions} (JSON, 201 with {@code session.id} and the SDP answer), refusing what
 * the reference says GPT-Live refuses: ephemeral keys, unknown fields, Realtime models, voices it
 * does not have. The SIP-only {@code …/hangup} counts as a violation when used on a WebRTC session.
 */
final class FakeLiveRoutes {
  static final Set<String> MODELS = Set.of("gpt-live-1", "gpt-live-1.1");

  private final FakeRealtimeProvider fake;

  FakeLiveRoutes(FakeRealtimeProvider fake) {
    this.fake = fake;
  }

  FakeRoutes.Answer create(RecordedRequest request, boolean azure) {
    String auth = request.header("Authorization").orElse("");
    if (auth.startsWith("Bearer ek_")) {
      fake.violation("GPT-Live has no ephemeral client keys; the server creates sessions with its own key");
      return FakeRoutes.Answer.json(401, FakeRealtimeProvider.error("invalid_request_error", "invalid_api_key",
          "GPT-Live does not accept ephemeral client keys."));
    }
    boolean accepted = azure
        ? request.header("api-key").orElse("").equals(FakeRealtimeProvider.AZURE_KEY)
            || auth.equals("Bearer " + FakeRealtimeProvider.ENTRA_TOKEN)
        : auth.equals("Bearer " + FakeRealtimeProvider.OPENAI_KEY);
    if (!accepted) {
      return FakeRoutes.Answer.json(401, FakeRealtimeProvider.error("invalid_request_error", "invalid_api_key",
          "Incorrect API key provided: " + (azure ? request.header("api-key").orElse(auth) : auth).replaceFirst("^Bearer ", "") + "."));
    }
    if (request.query() != null) {
      return strict("POST /live/sessions takes no query (the model goes in the session, and /openai/v1 takes no api-version)",
          "query", "unknown_parameter");
    }
    if (!request.header("Content-Type").orElse("").startsWith("application/json")) {
      return strict("POST /live/sessions takes JSON {session, transport}", "body", "invalid_type");
    }
    JsonNode body;
    try {
      body = Json.mapper().readTree(request.body());
    } catch (Exception e) {
      return strict("the body is not JSON", "body", "invalid_json");
    }
    List<FakeLiveSchema.Problem> problems = FakeLiveSchema.check(body);
    if (!problems.isEmpty()) {
      FakeLiveSchema.Problem first = problems.get(0);
      return strict("LiveCreateRequest: " + problems, first.param(), first.code());
    }
    Optional<FakeRealtimeProvider.Canned> canned = fake.takeFault(FakeRealtimeProvider.Stage.CREATE);
    if (canned.isPresent()) {
      return new FakeRoutes.Answer(canned.get().status(), canned.get().headers(), canned.get().body());
    }
    if (!fake.liveAccess) {
      return FakeRoutes.Answer.json(403, FakeRealtimeProvider.error("invalid_request_error", null,
          "Your organization does not have access to the Live API."));
    }
    JsonNode session = body.get("session");
    String model = session.get("model").asText();
    if (!azure && !MODELS.contains(model)) {
      return model.contains("realtime")
          ? refused(400, "invalid_model", "session.model", "The model '" + model + "' is not supported by the Live API.")
          : refused(404, "model_not_found", "session.model", "The model '" + model + "' does not exist or you do not have access to it.");
    }
    JsonNode voice = session.path("audio").path("output").path("voice");
    if (voice.isTextual() && !FakeLiveSchema.VOICES.contains(voice.asText())
        || voice.isObject() && !fake.customVoices.contains(voice.path("id").asText())) {
      return refused(400, "invalid_value", "session.audio.output.voice", "Voice '" + (voice.isObject() ? voice.path("id").asText()
          : voice.asText()) + "' is not available.");
    }
    String offer = body.get("transport").get("sdp").asText();
    if (!offer.startsWith("v=0")) {
      return refused(400, "invalid_offer", "transport.sdp", "Invalid SDP offer.");
    }
    FakeCall call = fake.addCall(new FakeCall("live_" + FakeRoutes.random(12), azure ? FakeCall.Flavor.AZURE_LIVE
        : FakeCall.Flavor.OPENAI_LIVE, offer, session));
    ObjectNode answer = Json.mapper().createObjectNode();
    answer.putObject("session").put("id", call.id());
    answer.putObject("transport").put("type", "webrtc").put("sdp", fake.answerer.apply(offer));
    return FakeRoutes.Answer.json(201, answer.toString());
  }

  /** GPT-Live's REST hang-up ends SIP calls only: the plugin must end a WebRTC session with session.close. */
  FakeRoutes.Answer hangup(String sessionId) {
    return strict("POST /live/sessions/" + sessionId + "/hangup is for SIP calls; end a WebRTC session with session.close",
        "session_id", "invalid_request");
  }

  private static FakeRoutes.Answer refused(int status, String code, String param, String message) {
    return FakeRoutes.Answer.json(status, envelope(code, param, message));
  }

  private FakeRoutes.Answer strict(String why, String param, String code) {
    fake.violation(why);
    return FakeRoutes.Answer.json(400, envelope(code, param, why));
  }

  static String envelope(String code, String param, String message) {
    ObjectNode error = Json.mapper().createObjectNode();
    error.putObject("error").put("message", message).put("type", "invalid_request_error").put("param", param).put("code", code);
    return error.toString();
  }
}
