package dev.voiceplugin.impl.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.provider.LocalUpstream.AZURE_KEY;
import static dev.voiceplugin.impl.provider.LocalUpstream.CLIENT_SECRET;
import static dev.voiceplugin.impl.provider.LocalUpstream.ENTRA_CLIENT_SECRET;
import static dev.voiceplugin.impl.provider.LocalUpstream.ENTRA_TOKEN;
import static dev.voiceplugin.impl.provider.LocalUpstream.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.web.Json;
import dev.voiceplugin.impl.web.ProblemExceptionMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Keys, tokens and client secrets never reach a log line, an exception or a problem document. */
class SecretHygieneTest {
  @RegisterExtension
  static WireMockExtension upstream = LocalUpstream.server();

  private static final List<String> SECRETS = List.of(OPENAI_KEY, AZURE_KEY, CLIENT_SECRET, ENTRA_TOKEN, ENTRA_CLIENT_SECRET);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> surfaced = new ArrayList<>();

  @BeforeEach
  void captureEveryLogLine() {
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(ch.qos.logback.classic.Level.ALL);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    root.setLevel(ch.qos.logback.classic.Level.INFO);
  }

  @Test
  void successfulMintsLeakNothing() {
    upstream.stubFor(post(urlEqualTo("/v1/realtime/client_secrets")).willReturn(okJson(LocalUpstream.okBody())));
    upstream.stubFor(post(urlEqualTo("/openai/v1/realtime/client_secrets")).willReturn(okJson(LocalUpstream.okBody())));
    upstream.stubFor(post(urlEqualTo("/" + LocalUpstream.ENTRA_TENANT + "/oauth2/v2.0/token"))
        .willReturn(okJson(LocalUpstream.tokenBody(3600))));
    var minter = LocalUpstream.minter(upstream);

    surfaced.add(minter.mint(TestSettings.openAi().build(), ProviderCredential.apiKey(OPENAI_KEY), LocalUpstream.user()).toString());
    surfaced.add(minter.mint(azure(AzureAuth.API_KEY), ProviderCredential.apiKey(AZURE_KEY), LocalUpstream.user()).toString());
    surfaced.add(minter.mint(azure(AzureAuth.ENTRA_ID), ProviderCredential.entraId(), LocalUpstream.user()).toString());
    surfaced.add(ProviderCredential.apiKey(OPENAI_KEY).toString());

    assertThat(logs.list).isNotEmpty();
    assertNothingLeaked();
  }

  @Test
  void failedMintsLeakNothingEvenWhenTheProviderQuotesTheSecrets() {
    String quoting = "Incorrect API key provided: " + OPENAI_KEY + " / " + AZURE_KEY + " / " + CLIENT_SECRET + " / " + ENTRA_TOKEN;
    for (ResponseDefinitionBuilder answer : List.of(
        errorQuoting(400, quoting), errorQuoting(401, quoting), errorQuoting(403, quoting), errorQuoting(404, quoting),
        errorQuoting(429, quoting), errorQuoting(500, quoting),
        aResponse().withStatus(200).withBody("{\"value\":\"" + CLIENT_SECRET + "\",\"expires_at\":"),
        aResponse().withStatus(200).withBody("{\"value\":\"" + CLIENT_SECRET + "\"}"),
        aResponse().withStatus(200).withBody("<html>" + CLIENT_SECRET + "</html>"),
        okJson(LocalUpstream.okBody()).withFixedDelay(3_000),
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
        aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK))) {
      upstream.stubFor(post(urlEqualTo("/v1/realtime/client_secrets")).willReturn(answer));
      upstream.stubFor(post(urlEqualTo("/openai/v1/realtime/client_secrets")).willReturn(answer));
      mintExpectingFailure(TestSettings.openAi().build(), ProviderCredential.apiKey(OPENAI_KEY));
      mintExpectingFailure(azure(AzureAuth.API_KEY), ProviderCredential.apiKey(AZURE_KEY));
    }
    upstream.stubFor(post(urlEqualTo("/" + LocalUpstream.ENTRA_TENANT + "/oauth2/v2.0/token"))
        .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_client\",\"error_description\":\""
            + ENTRA_CLIENT_SECRET + "\"}")));
    mintExpectingFailure(azure(AzureAuth.ENTRA_ID), ProviderCredential.entraId());

    assertThat(surfaced).hasSize(2 * 27); // message and problem document per failure
    assertNothingLeaked();
  }

  private void mintExpectingFailure(RealtimeSettings settings, ProviderCredential credential) {
    try {
      LocalUpstream.minter(upstream).mint(settings, credential, LocalUpstream.user());
      throw new AssertionError("the mint should have failed");
    } catch (ProviderException e) {
      surfaced.add(e.getMessage() + " | " + e.hint() + " | " + e.extensions() + " | " + e);
      // What a browser would receive, rendered by the real mapper (which also logs 5xx).
      var response = new ProblemExceptionMapper().toResponse(e);
      try {
        surfaced.add(Json.mapper().writeValueAsString(response.getEntity()) + response.getHeaders());
      } catch (com.fasterxml.jackson.core.JsonProcessingException json) {
        throw new AssertionError(json);
      }
    }
  }

  private void assertNothingLeaked() {
    List<String> lines = new ArrayList<>(surfaced);
    for (ILoggingEvent event : logs.list) {
      lines.add(event.getFormattedMessage());
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        lines.add(ThrowableProxyUtil.asString(thrown));
      }
    }
    for (String line : lines) {
      for (String secret : SECRETS) {
        assertThat(line).doesNotContain(secret);
      }
    }
  }

  private RealtimeSettings azure(AzureAuth auth) {
    return TestSettings.azure(LocalUpstream.baseUrl(upstream), auth, "rt").build();
  }

  private static ResponseDefinitionBuilder errorQuoting(int status, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":\""
            + OPENAI_KEY + "\",\"code\":null}}");
  }
}
