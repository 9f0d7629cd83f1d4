package dev.voiceplugin.impl.testing.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.provider.OpenApiPropertyChecker;
import dev.voiceplugin.impl.web.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The fake provider's REST endpoints. */
final class FakeRoutes extends Handler.Abstract {
  private static final List<JsonNode> SPEC = OpenApiPropertyChecker.loadDocuments("/provider/openai-realtime-schemas.yaml");
  static final OpenApiPropertyChecker SCHEMAS = OpenApiPropertyChecker.of(SPEC.get(0), SPEC.get(0));
  private static final Pattern HANGUP = Pattern.compile("(/openai)?/v1/realtime/calls/([^/]+)/hangup");
  private static final Pattern TOKEN = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
  private static final Pattern LIVE_HANGUP = Pattern.compile("(/openai)?/v1/live/sessions/([^/]+)/hangup");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FakeRealtimeProvider fake;
  private final FakeLiveRoutes live;

  FakeRoutes(FakeRealtimeProvider fake) {
    this.fake = fake;
    this.live = new FakeLiveRoutes(fake);
  }

  /** What a route answers. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"), body);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    RecordedRequest recorded = record(request, Request.asInputStream(request).readAllBytes());
    fake.record(recorded);
    Answer answer = route(recorded);
    response.setStatus(answer.status());
    answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    response.write(true, ByteBuffer.wrap(answer.body().getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }

  static RecordedRequest record(Request request, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>()).add(field.getValue());
    }
    return new RecordedRequest(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
        headers, body);
  }

  private Answer route(RecordedRequest request) {
    String path = request.path();
    if (!"POST".equals(request.method())) {
      return Answer.json(405, FakeRealtimeProvider.error("invalid_request_error", null, "Method not allowed."));
    }
    Matcher hangup = HANGUP.matcher(path);
    Matcher token = TOKEN.matcher(path);
    Matcher liveHangup = LIVE_HANGUP.matcher(path);
    if (liveHangup.matches()) {
      return live.hangup(liveHangup.group(2));
    }
    return switch (path) {
      case "/v1/live/sessions" -> live.create(request, false);
      case "/openai/v1/live/sessions" -> live.create(request, true);
      case "/v1/realtime/calls" -> openAiCreate(request);
      case "/openai/v1/realtime/calls" -> azureCreate(request);
      case "/v1/realtime/client_secrets" -> mint(request, FakeCall.Flavor.OPENAI);
      case "/openai/v1/realtime/client_secrets" -> mint(request, FakeCall.Flavor.AZURE);
      default -> hangup.matches() ? hangup(request, hangup.group(2), hangup.group(1) != null)
          : token.matches() ? entraToken(request, token.group(1))
          : Answer.json(404, FakeRealtimeProvider.error("invalid_request_error", null, "Invalid URL (POST " + path + ")"));
    };
  }

  private Answer openAiCreate(RecordedRequest request) {
    String auth = request.header("Authorization").orElse("");
    String type = request.header("Content-Type").orElse("");
    if (auth.startsWith("Bearer ek_")) {
      // The ephemeral-token variant, as the browser sends it.
      Optional<Answer> refused = ephemeral(auth.substring(7));
      if (refused.isPresent()) {
        return refused.get();
      }
      if (!type.startsWith("application/sdp")) {
        return strict(400, "with an ephemeral key the body is the raw SDP offer (application/sdp)");
      }
      return created(request, FakeCall.Flavor.OPENAI, request.bodyText(), fake.ephemeralSessions.get(auth.substring(7)));
    }
    if (!auth.equals("Bearer " + FakeRealtimeProvider.OPENAI_KEY)) {
      return incorrectKey(auth);
    }
    if (!type.startsWith("multipart/form-data")) {
      return strict(400, "with a standard key the body is multipart/form-data; raw application/sdp is the ephemeral-token form");
    }
    Map<String, String> parts;
    try {
      parts = StrictMultipart.parse(type, request.body());
    } catch (IllegalArgumentException e) {
      return strict(400, e.getMessage());
    }
    JsonNode session = null;
    if (parts.containsKey("session")) {
      try {
        session = Json.mapper().readTree(parts.get("session"));
      } catch (Exception e) {
        return strict(400, "the session part is not JSON");
      }
      List<String> problems = SCHEMAS.violations(session, "RealtimeSessionCreateRequestGA");
      if (!problems.isEmpty()) {
        return strict(400, "session does not match RealtimeSessionCreateRequestGA: " + problems);
      }
    }
    return created(request, FakeCall.Flavor.OPENAI, parts.get("sdp"), session);
  }

  private Answer azureCreate(RecordedRequest request) {
    String auth = request.header("Authorization").orElse("");
    if (request.header("api-key").isPresent() || !auth.startsWith("Bearer ek_")) {
      // As reported by two independent implementers (server-controls reference §1.4).
      return Answer.json(401, FakeRealtimeProvider.error("invalid_request_error", "401",
          "This operation requires ephemeral tokens (for authentication)."));
    }
    Optional<Answer> refused = ephemeral(auth.substring(7));
    if (refused.isPresent()) {
      return refused.get();
    }
    if (!request.header("Content-Type").orElse("").startsWith("application/sdp")) {
      return strict(400, "Azure's /realtime/calls takes the raw SDP offer (application/sdp)");
    }
    if (request.query() != null && !request.query().equals("webrtcfilter=on")) {
      return strict(400, "unknown query " + request.query() + " (an api-version on /openai/v1 is answered with 401)");
    }
    return created(request, FakeCall.Flavor.AZURE, request.bodyText(), fake.ephemeralSessions.get(auth.substring(7)));
  }

  private Answer created(RecordedRequest request, FakeCall.Flavor flavor, String offer, JsonNode session) {
    Optional<FakeRealtimeProvider.Canned> canned = fake.takeFault(FakeRealtimeProvider.Stage.CREATE);
    if (canned.isPresent()) {
      return new Answer(canned.get().status(), canned.get().headers(), canned.get().body());
    }
    if (!offer.startsWith("v=0")) {
      return Answer.json(400, FakeRealtimeProvider.error("invalid_request_error", "invalid_offer",
          "Invalid SDP offer. Please try again with a WHIP-compliant offer."));
    }
    FakeCall call = fake.addCall(new FakeCall("rtc_" + random(16), flavor, offer, session));
    return new Answer(201, Map.of("Content-Type", "application/sdp", "Location", "/v1/realtime/calls/" + call.id()),
        fake.answerer.apply(offer));
  }

  private Answer mint(RecordedRequest request, FakeCall.Flavor flavor) {
    String auth = request.header("Authorization").orElse("");
    boolean accepted = flavor == FakeCall.Flavor.OPENAI
        ? auth.equals("Bearer " + FakeRealtimeProvider.OPENAI_KEY)
        : request.header("api-key").orElse("").equals(FakeRealtimeProvider.AZURE_KEY)
            || auth.equals("Bearer " + FakeRealtimeProvider.ENTRA_TOKEN);
    if (!accepted) {
      return incorrectKey(flavor == FakeCall.Flavor.OPENAI ? auth : request.header("api-key").orElse(auth));
    }
    Optional<FakeRealtimeProvider.Canned> canned = fake.takeFault(FakeRealtimeProvider.Stage.MINT);
    if (canned.isPresent()) {
      return new Answer(canned.get().status(), canned.get().headers(), canned.get().body());
    }
    JsonNode body;
    try {
      body = Json.mapper().readTree(request.body());
    } catch (Exception e) {
      return strict(400, "the client secret request is not JSON");
    }
    List<String> problems = body == null ? List.of("no body") : SCHEMAS.violations(body, "RealtimeCreateClientSecretRequest");
    if (!problems.isEmpty()) {
      return strict(400, "body does not match RealtimeCreateClientSecretRequest: " + problems);
    }
    long seconds = body.path("expires_after").path("seconds").asLong(600);
    long expiresAt = System.currentTimeMillis() / 1000 + seconds;
    String value = "ek_" + random(16);
    fake.ephemeralKeys.put(value, expiresAt);
    fake.ephemeralSessions.put(value, body.path("session"));
    ObjectNode answer = Json.mapper().createObjectNode().put("value", value).put("expires_at", expiresAt);
    ObjectNode session = ((ObjectNode) body.path("session")).deepCopy();
    answer.set("session", session.put("object", "realtime.session").put("id", "sess_" + random(8)));
    return Answer.json(200, answer.toString());
  }

  private Answer hangup(RecordedRequest request, String callId, boolean azure) {
    String auth = request.header("Authorization").orElse("");
    boolean accepted = azure
        ? request.header("api-key").orElse("").equals(FakeRealtimeProvider.AZURE_KEY)
            || auth.equals("Bearer " + FakeRealtimeProvider.ENTRA_TOKEN)
        : auth.equals("Bearer " + FakeRealtimeProvider.OPENAI_KEY);
    if (!accepted) {
      return incorrectKey(azure ? request.header("api-key").orElse(auth) : auth);
    }
    if (request.body().length > 0) {
      return strict(400, "a hang-up has no body");
    }
    Optional<FakeRealtimeProvider.Canned> canned = fake.takeFault(FakeRealtimeProvider.Stage.HANGUP);
    if (canned.isPresent()) {
      return new Answer(canned.get().status(), canned.get().headers(), canned.get().body());
    }
    Optional<FakeCall> call = fake.findCall(callId).filter(c -> !c.flavor().live());
    if (call.isEmpty()) {
      return Answer.json(404, FakeRealtimeProvider.error("invalid_request_error", "call_id_not_found",
          "No session found for the provided call_id"));
    }
    fake.hungUp(callId);
    call.get().hangUp();
    return new Answer(200, Map.of(), "");
  }

  private Answer entraToken(RecordedRequest request, String tenant) {
    String form = request.bodyText();
    if (!tenant.equals(FakeRealtimeProvider.ENTRA_TENANT) || !form.contains("grant_type=client_credentials")
        || !form.contains("client_secret=" + java.net.URLEncoder.encode(FakeRealtimeProvider.ENTRA_CLIENT_SECRET,
            StandardCharsets.UTF_8))) {
      return Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret.\"}");
    }
    return Answer.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\""
        + FakeRealtimeProvider.ENTRA_TOKEN + "\"}");
  }

  private Optional<Answer> ephemeral(String key) {
    Long expiresAt = fake.ephemeralKeys.get(key);
    if (expiresAt == null || expiresAt < System.currentTimeMillis() / 1000) {
      return Optional.of(Answer.json(401, FakeRealtimeProvider.error("invalid_request_error", "invalid_api_key",
          "The ephemeral key is unknown or expired.")));
    }
    return Optional.empty();
  }

  /** Quotes the presented key in full, as providers sometimes do: the plugin must redact it. */
  private static Answer incorrectKey(String presented) {
    return Answer.json(401, FakeRealtimeProvider.error("invalid_request_error", "invalid_api_key",
        "Incorrect API key provided: " + presented.replaceFirst("^Bearer ", "") + "."));
  }

  private Answer strict(int status, String why) {
    fake.violation(why);
    return Answer.json(status, FakeRealtimeProvider.error("invalid_request_error", "fake_provider_strict", why));
  }

  static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
