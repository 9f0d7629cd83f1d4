package dev.voiceplugin.impl.diagnostics;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static dev.voiceplugin.impl.testing.HeaderTenancy.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.testing.ApiClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may run the test and whose settings and key it uses, on a platform without a key of its
 * own. A second server points at a closed port, for a refused connection.
 */
class DiagnosticsAccessTest {
  static final String KEY_A = "sk-tenant-AAAAAAAAAAAAAAAAAAAAAAAAAA1111";
  static final String KEY_B = "sk-tenant-BBBBBBBBBBBBBBBBBBBBBBBBBB2222";

  @RegisterExtension
  static WireMockExtension openai = DiagnosticsStack.upstream();

  static DiagnosticsStack stack;
  static ApiClient api;

  @BeforeAll
  static void start() {
    stack = DiagnosticsStack.start("http://127.0.0.1:" + openai.getPort(), null);
    api = stack.api();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void anAdminTestsOnlyTheirOwnTenantsSettingsAndKey() {
    stack.saveSettings("tenant-a", "{\"model\":\"gpt-realtime-mini\"}", KEY_A);
    stack.saveSettings("tenant-b", "{}", KEY_B);
    openai.stubFor(get(urlEqualTo("/v1/models/gpt-realtime-mini")).willReturn(okJson(DiagnosticsStack.modelBody("gpt-realtime-mini"))));
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets")).willReturn(okJson(DiagnosticsStack.mintBody())));

    JsonNode body = api.post(DiagnosticsStack.PATH, null, admin("tenant-a", "ann")).json();

    assertThat(body.at("/ok").asBoolean()).as(body.toString()).isTrue();
    assertThat(body.at("/model").asText()).isEqualTo("gpt-realtime-mini");
    assertThat(body.at("/steps/0/detail").asText()).contains("ending in 1111").doesNotContain("2222");
    openai.verify(getRequestedFor(urlEqualTo("/v1/models/gpt-realtime-mini")).withHeader("Authorization", equalTo("Bearer " + KEY_A)));
    openai.verify(postRequestedFor(urlEqualTo("/v1/realtime/client_secrets")).withHeader("Authorization", equalTo("Bearer " + KEY_A)));
    openai.verify(0, anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + KEY_B)));
  }

  @Test
  void withoutAnyKeyTheConfigurationStepFailsAndNothingIsSent() {
    JsonNode body = api.post(DiagnosticsStack.PATH, null, admin("keyless", "kay")).json();

    assertThat(DiagnosticsStack.outcomes(body)).containsExactly(
        "configuration:failed", "key:skipped", "model:skipped", "mint:skipped");
    assertThat(body.at("/ok").asBoolean()).isFalse();
    assertThat(body.at("/steps/0/code").asText()).isEqualTo("provider_not_configured");
    assertThat(body.at("/steps/0/hint").asText()).contains("platform team").doesNotContain("OPENAI_API_KEY");
    assertThat(body.at("/steps/1/detail").asText()).contains("earlier step failed");
    openai.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void onlyTenantAdministratorsMayRunIt() {
    assertThat(api.post(DiagnosticsStack.PATH, null, member("tenant-a", "mallory")).json().at("/code").asText())
        .isEqualTo("not_tenant_admin");
    assertThat(api.post(DiagnosticsStack.PATH, null, member("tenant-a", "mallory")).status()).isEqualTo(403);
    assertThat(api.post(DiagnosticsStack.PATH, null, "X-Requested-With", "voice-plugin").status()).isEqualTo(401);
    assertThat(api.post(DiagnosticsStack.PATH, null, "X-Test-Tenant", "tenant-a", "X-Test-User", "a", "X-Test-Admin", "true")
        .json().at("/code").asText()).as("no CSRF header").isEqualTo("csrf_header_missing");
    assertThat(api.get(DiagnosticsStack.PATH, admin("tenant-a", "ann")).status()).isEqualTo(405);
    openai.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aRefusedConnectionFailsTheKeyStepAsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (DiagnosticsStack nowhere = DiagnosticsStack.start("http://127.0.0.1:" + closedPort, DiagnosticsStack.PLATFORM_KEY)) {
      JsonNode body = nowhere.api().post(DiagnosticsStack.PATH, null, admin("unreachable", "ulf")).json();

      assertThat(DiagnosticsStack.outcomes(body)).containsExactly(
          "configuration:passed", "key:failed", "model:skipped", "mint:skipped");
      assertThat(body.at("/steps/1/code").asText()).isEqualTo("provider_unreachable");
      assertThat(body.at("/steps/1/detail").asText()).contains("127.0.0.1:" + closedPort);
    }
  }
}
