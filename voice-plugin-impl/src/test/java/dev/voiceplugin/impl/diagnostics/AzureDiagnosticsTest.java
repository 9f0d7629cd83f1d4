package dev.voiceplugin.impl.diagnostics;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.provider.ClientSecretMinter;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.settings.AzureSettings;
import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.settings.MaxOutputTokens;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.TurnDetection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Azure through the diagnostics' provider checks directly: the REST API only saves https
 * endpoints, so a local http one is set here, which the configuration step rightly warns about.
 */
class AzureDiagnosticsTest {
  static final String AZURE_KEY = "0123456789abcdef0123456789abcdef";
  static final String MODELS = "/openai/v1/models";
  static final String MINT = "/openai/v1/realtime/client_secrets";
  static final String ENTRA_TENANT = "11111111-2222-3333-4444-555555555555";
  static final String TOKEN_PATH = "/" + ENTRA_TENANT + "/oauth2/v2.0/token";
  static final String ENTRA_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJjb2duaXRpdmUifQ.c2lnbmF0dXJl";

  @RegisterExtension
  static WireMockExtension azure = DiagnosticsStack.upstream();

  @BeforeEach
  void answerLikeAzure() {
    azure.stubFor(get(urlEqualTo(MODELS)).willReturn(okJson(
        "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-realtime\",\"object\":\"model\"},{\"id\":\"gpt-4o\",\"object\":\"model\"}]}")));
    azure.stubFor(post(urlEqualTo(MINT)).willReturn(okJson(DiagnosticsStack.mintBody())));
    azure.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(
        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + ENTRA_TOKEN + "\"}")));
  }

  private String base() {
    return "http://127.0.0.1:" + azure.getPort();
  }

  private RealtimeSettings settings(AzureAuth auth) {
    return new RealtimeSettings(Provider.AZURE, new AzureSettings(base() + "/", auth), "realtime-prod", "marin",
        List.of(RealtimeSettings.OutputModality.AUDIO), "Help the admins.", TurnDetection.serverVad(), null,
        RealtimeSettings.NoiseReduction.OFF, 1.0, MaxOutputTokens.INFINITE, 600, List.of());
  }

  private DiagnosticsReport run(AzureAuth auth, Map<String, String> config) {
    Map<String, String> values = new HashMap<>(Map.of(
        "VOICE_PROVIDER_CONNECT_TIMEOUT_MS", "500", "VOICE_PROVIDER_READ_TIMEOUT_MS", "1000",
        "AZURE_TENANT_ID", ENTRA_TENANT, "AZURE_CLIENT_ID", "app-client-id", "AZURE_CLIENT_SECRET", "entra~secret-123",
        "AZURE_AUTHORITY_HOST", base()));
    values.putAll(config);
    ClientSecretMinter minter = ClientSecretMinter.fromConfig(VoiceConfig.of(values));
    KeyChoice key = auth == AzureAuth.API_KEY ? KeyChoice.tenantKey(AZURE_KEY) : KeyChoice.entraId();
    return new ProviderChecks(minter).run(settings(auth), 4, () -> key, SafetyIdentifier.ofStableId("acme/alice"));
  }

  private DiagnosticsReport run(AzureAuth auth) {
    return run(auth, Map.of());
  }

  private static List<String> outcomes(DiagnosticsReport report) {
    return report.steps().stream().map(s -> s.id() + ":" + s.outcome().wire()).collect(Collectors.toList());
  }

  @Test
  void apiKeyPassesWithTheKeyHeaderAndWarnsAboutTheUnusualEndpoint() {
    DiagnosticsReport report = run(AzureAuth.API_KEY);

    assertThat(outcomes(report)).containsExactly(
        "configuration:warning", "key:passed", "model:passed", "mint:passed");
    assertThat(report.ok()).isTrue();
    assertThat(report.provider()).isEqualTo("azure");
    assertThat(report.settingsVersion()).isEqualTo(4);
    DiagnosticStep configuration = report.steps().get(0);
    assertThat(configuration.code()).isEqualTo("azure_endpoint_unusual");
    assertThat(configuration.detail()).contains("deployment 'realtime-prod'", "does not use https", "ending in cdef");
    assertThat(report.steps().get(2).title()).isEqualTo("Deployment");
    assertThat(report.steps().get(2).detail()).contains("'realtime-prod'");
    assertThat(report.toString()).doesNotContain(AZURE_KEY).doesNotContain(DiagnosticsStack.SECRET);
    azure.verify(getRequestedFor(urlEqualTo(MODELS)).withHeader("api-key", equalTo(AZURE_KEY)).withHeader("Authorization", absent()));
    azure.verify(postRequestedFor(urlEqualTo(MINT)).withHeader("api-key", equalTo(AZURE_KEY))
        .withRequestBody(matchingJsonPath("$.session.model", equalTo("realtime-prod"))));
  }

  @Test
  void entraIdSendsTheTokenAsBearer() {
    DiagnosticsReport report = run(AzureAuth.ENTRA_ID);

    assertThat(outcomes(report)).containsExactly(
        "configuration:warning", "key:passed", "model:passed", "mint:passed");
    assertThat(report.steps().get(1).title()).isEqualTo("Microsoft Entra ID token");
    assertThat(report.steps().get(1).detail()).contains("accepted the Microsoft Entra ID token");
    assertThat(report.toString()).doesNotContain(ENTRA_TOKEN).doesNotContain("entra~secret-123");
    azure.verify(getRequestedFor(urlEqualTo(MODELS)).withHeader("Authorization", equalTo("Bearer " + ENTRA_TOKEN))
        .withHeader("api-key", absent()));
  }

  @Test
  void entraIdWithoutTheAppRegistrationFailsTheConfigurationStep() {
    DiagnosticsReport report = run(AzureAuth.ENTRA_ID, Map.of("AZURE_CLIENT_SECRET", ""));

    assertThat(outcomes(report)).containsExactly(
        "configuration:failed", "key:skipped", "model:skipped", "mint:skipped");
    assertThat(report.steps().get(0).code()).isEqualTo("provider_not_configured");
    assertThat(report.steps().get(0).hint()).contains("platform team").doesNotContain("AZURE_");
    azure.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void entraRefusingTheClientCredentialsFailsTheKeyStep() {
    azure.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));

    DiagnosticsReport report = run(AzureAuth.ENTRA_ID);

    assertThat(outcomes(report)).containsExactly(
        "configuration:warning", "key:failed", "model:skipped", "mint:skipped");
    assertThat(report.steps().get(1).code()).isEqualTo("provider_key_rejected");
    assertThat(report.steps().get(1).detail()).contains("Microsoft Entra ID refused the client credentials");
  }

  @Test
  void aRejectedKeyFailsTheKeyStepWithAzuresHint() {
    azure.stubFor(get(urlEqualTo(MODELS)).willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key.\"}}")));

    DiagnosticsReport report = run(AzureAuth.API_KEY);

    assertThat(outcomes(report)).containsExactly(
        "configuration:warning", "key:failed", "model:skipped", "mint:skipped");
    assertThat(report.ok()).isFalse();
    assertThat(report.steps().get(1).code()).isEqualTo("provider_key_rejected");
    assertThat(report.steps().get(1).hint()).contains("Azure OpenAI key");
    azure.verify(0, postRequestedFor(urlEqualTo(MINT)));
  }

  @Test
  void anEndpointWithoutTheModelListIsABadResponseNotAMissingDeployment() {
    azure.stubFor(get(urlEqualTo(MODELS)).willReturn(aResponse().withStatus(404).withBody("<html>Not Found</html>")));

    DiagnosticsReport report = run(AzureAuth.API_KEY);

    assertThat(outcomes(report)).containsExactly(
        "configuration:warning", "key:failed", "model:skipped", "mint:skipped");
    assertThat(report.steps().get(1).code()).isEqualTo("provider_bad_response");
  }

  @Test
  void aMissingDeploymentFailsTheDeploymentStepAtTheMint() {
    azure.stubFor(post(urlEqualTo(MINT)).willReturn(aResponse().withStatus(404)
        .withBody("{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}")));

    DiagnosticsReport report = run(AzureAuth.API_KEY);

    assertThat(outcomes(report)).containsExactly(
        "configuration:warning", "key:passed", "model:failed", "mint:skipped");
    assertThat(report.steps().get(2).code()).isEqualTo("provider_model_not_found");
    assertThat(report.steps().get(2).detail()).contains("no deployment named 'realtime-prod'");
  }

  @Test
  void anotherMintFailureLeavesTheDeploymentUnconfirmed() {
    azure.stubFor(post(urlEqualTo(MINT)).willReturn(aResponse().withStatus(500)));

    DiagnosticsReport report = run(AzureAuth.API_KEY);

    assertThat(outcomes(report)).containsExactly(
        "configuration:warning", "key:passed", "model:warning", "mint:failed");
    assertThat(report.steps().get(2).code()).isEqualTo("deployment_not_confirmed");
    assertThat(report.steps().get(3).code()).isEqualTo("provider_unavailable");
    assertThat(report.ok()).isFalse();
  }

  @Test
  void recognisesAzureOpenAiEndpoints() {
    assertThat(ConfigurationStep.azureEndpointProblem("https://acme-voice.openai.azure.com")).isEmpty();
    assertThat(ConfigurationStep.azureEndpointProblem("https://acme.cognitiveservices.azure.com")).isEmpty();
    assertThat(ConfigurationStep.azureEndpointProblem("https://acme.openai.azure.com:443")).isEmpty();
    assertThat(ConfigurationStep.azureEndpointProblem("https://acme.azure-api.net")).get().asString().contains("host");
    assertThat(ConfigurationStep.azureEndpointProblem("https://openai.azure.com.evil.example")).isPresent();
    assertThat(ConfigurationStep.azureEndpointProblem("http://acme.openai.azure.com")).get().asString().contains("https");
    assertThat(ConfigurationStep.azureEndpointProblem("https://acme.openai.azure.com:8443")).get().asString().contains("8443");
  }
}
