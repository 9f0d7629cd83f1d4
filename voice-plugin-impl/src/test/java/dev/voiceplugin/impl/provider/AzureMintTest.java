package dev.voiceplugin.impl.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.provider.LocalUpstream.AZURE_KEY;
import static dev.voiceplugin.impl.provider.LocalUpstream.ENTRA_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.settings.TurnDetection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AzureMintTest {
  @RegisterExtension
  static WireMockExtension azure = LocalUpstream.server();

  private static final String PATH = "/openai/v1/realtime/client_secrets";
  private static final String TOKEN_PATH = "/" + LocalUpstream.ENTRA_TENANT + "/oauth2/v2.0/token";

  @BeforeEach
  void answerWithASecretAndAToken() {
    azure.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(LocalUpstream.okBody())));
    azure.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(LocalUpstream.tokenBody(3599))));
  }

  private TestSettings settings(AzureAuth auth) {
    return TestSettings.azure(LocalUpstream.baseUrl(azure) + "/", auth, "realtime-prod");
  }

  @Test
  void apiKeyMintUsesTheV1PathWithoutApiVersionTheKeyHeaderAndTheDeploymentAsModel() {
    var minted = LocalUpstream.minter(azure).mint(
        settings(AzureAuth.API_KEY).turnDetection(TestSettings.semanticVad(TurnDetection.Eagerness.AUTO))
            .transcription("gpt-4o-transcribe", "nl", null).build(),
        ProviderCredential.apiKey(AZURE_KEY), LocalUpstream.user());

    azure.verify(1, postRequestedFor(urlEqualTo(PATH))
        .withHeader("api-key", equalTo(AZURE_KEY))
        .withHeader("Authorization", absent())
        .withHeader("OpenAI-Beta", absent())
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("""
            {"expires_after":{"anchor":"created_at","seconds":600},
             "session":{"type":"realtime","model":"realtime-prod","instructions":"You help administrators of the Acme shop.",
              "output_modalities":["audio"],
              "audio":{"input":{"transcription":{"model":"gpt-4o-transcribe","language":"nl"},
                "turn_detection":{"type":"semantic_vad","eagerness":"auto","create_response":false,"interrupt_response":true}},
               "output":{"voice":"marin","speed":1.0}},
              "max_output_tokens":"inf"}}
            """, false, false)));
    assertThat(minted.value()).isEqualTo(LocalUpstream.CLIENT_SECRET);
    assertThat(minted.callsUrl()).isEqualTo(URI.create(LocalUpstream.baseUrl(azure) + "/openai/v1/realtime/calls"));
  }

  @Test
  void entraIdMintFetchesAClientCredentialsTokenAndSendsItAsBearer() {
    LocalUpstream.minter(azure).mint(
        settings(AzureAuth.ENTRA_ID).turnDetection(TurnDetection.none()).textOnly().maxOutputTokens(1000).build(),
        ProviderCredential.entraId(), LocalUpstream.user());

    azure.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
        .withRequestBody(containing("grant_type=client_credentials"))
        .withRequestBody(containing("client_id=app-client-id"))
        .withRequestBody(containing("client_secret=entra%7EClient.Secret_value-123"))
        .withRequestBody(containing("scope=https%3A%2F%2Fcognitiveservices.azure.com%2F.default")));
    azure.verify(1, postRequestedFor(urlEqualTo(PATH))
        .withHeader("Authorization", equalTo("Bearer " + ENTRA_TOKEN))
        .withHeader("api-key", absent())
        .withRequestBody(equalToJson("""
            {"expires_after":{"anchor":"created_at","seconds":600},
             "session":{"type":"realtime","model":"realtime-prod","instructions":"You help administrators of the Acme shop.",
              "output_modalities":["text"],
              "audio":{"input":{"turn_detection":null},
               "output":{"voice":"marin","speed":1.0}},
              "max_output_tokens":1000}}
            """, false, false)));
  }

  @Test
  void entraTokenIsReusedUntilShortlyBeforeItExpires() {
    MutableClock clock = new MutableClock();
    var minter = LocalUpstream.minter(azure, Map.of(), clock);
    var settings = settings(AzureAuth.ENTRA_ID).build();

    minter.mint(settings, ProviderCredential.entraId(), LocalUpstream.user());
    clock.advance(Duration.ofMinutes(54));
    minter.mint(settings, ProviderCredential.entraId(), LocalUpstream.user());
    azure.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));

    clock.advance(Duration.ofMinutes(1)); // 55 of 60 minutes: inside the 5-minute refresh margin
    minter.mint(settings, ProviderCredential.entraId(), LocalUpstream.user());
    azure.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    azure.verify(3, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void missingEntraConfigurationIsA503NamingTheMissingSettings() {
    var minter = LocalUpstream.minter(azure, Map.of("AZURE_CLIENT_ID", "", "AZURE_CLIENT_SECRET", ""), Clock.systemUTC());

    assertThatThrownBy(() -> minter.mint(settings(AzureAuth.ENTRA_ID).build(), ProviderCredential.entraId(),
        LocalUpstream.user()))
        .isInstanceOfSatisfying(ProviderNotConfiguredException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.code()).isEqualTo("provider_not_configured");
          assertThat(e.getMessage()).contains("AZURE_CLIENT_ID, AZURE_CLIENT_SECRET not set");
        });
    azure.verify(0, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void entraRefusingTheClientCredentialsIsProviderKeyRejected() {
    azure.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided. "
            + LocalUpstream.ENTRA_CLIENT_SECRET + "\"}")));

    assertThatThrownBy(() -> LocalUpstream.minter(azure).mint(settings(AzureAuth.ENTRA_ID).build(),
        ProviderCredential.entraId(), LocalUpstream.user()))
        .isInstanceOfSatisfying(ProviderKeyRejectedException.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.getMessage()).contains("Microsoft Entra ID", "invalid_client")
              .doesNotContain(LocalUpstream.ENTRA_CLIENT_SECRET);
          assertThat(e.hint()).contains("platform team").doesNotContain("AZURE_");
        });
    azure.verify(0, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void azureRejectingTheEntraTokenPointsAtTheRoleAssignment() {
    azure.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401).withBody("{}")));

    assertThatThrownBy(() -> LocalUpstream.minter(azure).mint(settings(AzureAuth.ENTRA_ID).build(),
        ProviderCredential.entraId(), LocalUpstream.user()))
        .isInstanceOfSatisfying(ProviderKeyRejectedException.class, e ->
            assertThat(e.hint()).contains("Cognitive Services OpenAI User"));
  }

  @Test
  void azureNotFoundNamesTheDeployment() {
    azure.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)
        .withBody("{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}")));

    assertThatThrownBy(() -> LocalUpstream.minter(azure).mint(settings(AzureAuth.API_KEY).build(),
        ProviderCredential.apiKey(AZURE_KEY), LocalUpstream.user()))
        .isInstanceOfSatisfying(ProviderModelNotFoundException.class, e -> {
          assertThat(e.code()).isEqualTo("provider_model_not_found");
          assertThat(e.getMessage()).contains("Azure OpenAI has no deployment named 'realtime-prod'");
        });
  }

  @Test
  void aCredentialThatDoesNotFitTheSettingsIsAProgrammingError() {
    var minter = LocalUpstream.minter(azure);

    assertThatThrownBy(() -> minter.mint(settings(AzureAuth.ENTRA_ID).build(), ProviderCredential.apiKey(AZURE_KEY),
        LocalUpstream.user())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> minter.mint(TestSettings.openAi().build(), ProviderCredential.entraId(),
        LocalUpstream.user())).isInstanceOf(IllegalArgumentException.class);
    assertThat(ProviderCredential.usesApiKey(settings(AzureAuth.ENTRA_ID).build())).isFalse();
    assertThat(ProviderCredential.usesApiKey(settings(AzureAuth.API_KEY).build())).isTrue();
  }

  @Test
  void entraTokenWithExpiresInAsStringIsAccepted() {
    azure.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(
        "{\"token_type\":\"Bearer\",\"expires_in\":\"3599\",\"access_token\":\"" + ENTRA_TOKEN + "\"}")));

    LocalUpstream.minter(azure).mint(settings(AzureAuth.ENTRA_ID).build(), ProviderCredential.entraId(), LocalUpstream.user());

    azure.verify(1, postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + ENTRA_TOKEN)));
  }

  @Test
  void entraServerErrorIsProviderUnavailableNamingEntra() {
    azure.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> LocalUpstream.minter(azure).mint(settings(AzureAuth.ENTRA_ID).build(),
        ProviderCredential.entraId(), LocalUpstream.user()))
        .isInstanceOfSatisfying(ProviderUnavailableException.class, e ->
            assertThat(e.getMessage()).startsWith("Microsoft Entra ID had a server error (HTTP 503)"));
  }
}
