package dev.voiceplugin.impl.diagnostics;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.testing.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * When OpenAI refuses a key, the hint names the key that was used and what the tenant admin can
 * do; the platform's setting (OPENAI_API_KEY) goes to the log for the platform team, never to them.
 */
class RefusedKeyHintsTest {
  @RegisterExtension
  static WireMockExtension openai = DiagnosticsStack.upstream();

  static DiagnosticsStack stack;
  static ApiClient api;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void start() {
    stack = DiagnosticsStack.start("http://127.0.0.1:" + openai.getPort(), DiagnosticsStack.PLATFORM_KEY);
    api = stack.api();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @BeforeEach
  void everyKeyIsRefused() {
    openai.stubFor(any(anyUrl()).willReturn(DiagnosticsStack.error(401, "invalid_api_key", "Incorrect API key provided")));
    logs.start();
    root().addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    root().detachAppender(logs);
  }

  @Test
  void aRefusedPlatformKeyIsNamedAsThePlatformsInTheConnectionTest() {
    JsonNode key = step(api.post(DiagnosticsStack.PATH, null, admin("keyless", "kay")).json(), "key");

    assertThat(key.at("/outcome").asText()).isEqualTo("failed");
    assertThat(key.at("/code").asText()).isEqualTo("provider_key_rejected");
    assertThat(key.at("/detail").asText()).contains("platform's API key");
    assertThat(key.at("/hint").asText()).contains("platform's OpenAI key", "ask the platform team", "save your own key")
        .doesNotContain("tenant's", "OPENAI_API_KEY", "VOICE_");
    assertThat(logs.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
        .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("OPENAI_API_KEY")
            .doesNotContain(DiagnosticsStack.PLATFORM_KEY));
  }

  @Test
  void aRefusedTenantKeyIsStillTheTenantsToCheck() {
    stack.saveSettings("own-key", "{}", DiagnosticsStack.TENANT_KEY);

    JsonNode key = step(api.post(DiagnosticsStack.PATH, null, admin("own-key", "oli")).json(), "key");

    assertThat(key.at("/hint").asText()).contains("tenant's OpenAI API key").doesNotContain("platform");
  }

  @Test
  void aRefusedPlatformKeyIsNamedAsThePlatformsAtTheMint() {
    ApiClient.Reply reply = api.post("/api/v1/realtime-session", null, admin("keyless-mint", "kay"));

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.json().at("/code").asText()).isEqualTo("provider_key_rejected");
    assertThat(reply.json().at("/hint").asText()).contains("platform's OpenAI key", "save your own key")
        .doesNotContain("tenant's", "OPENAI_API_KEY", "VOICE_");
  }

  @Test
  void aRefusedTenantKeyAtTheMintIsTheTenantsToCheck() {
    stack.saveSettings("own-key-mint", "{}", DiagnosticsStack.TENANT_KEY);

    ApiClient.Reply reply = api.post("/api/v1/realtime-session", null, admin("own-key-mint", "oli"));

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.json().at("/hint").asText()).contains("tenant's OpenAI API key").doesNotContain("VOICE_", "OPENAI_API_KEY");
  }

  private static JsonNode step(JsonNode report, String id) {
    for (JsonNode step : report.at("/steps")) {
      if (id.equals(step.at("/id").asText())) {
        return step;
      }
    }
    throw new AssertionError("no step " + id + " in " + report);
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
