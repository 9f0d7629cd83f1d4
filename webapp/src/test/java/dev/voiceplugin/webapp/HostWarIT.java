package dev.voiceplugin.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.PostgresFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The plugin's jars dropped into a host platform's own WAR on a real Tomcat 11, with no plugin
 * code or web.xml entries in the host: the web fragment registers the API, the admin-ui jar serves
 * the elements, and the built-in container tenancy takes the user from Tomcat's sign-in and the
 * tenant from the host's filter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostWarIT {
  private final PostgresFixture.TestDatabase database = PostgresFixture.newDatabase();
  private final dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider fake =
      dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider.start();
  private TomcatDistribution tomcat;

  @BeforeAll
  void deploy() throws Exception {
    Path hostWar = HostWar.build(Path.of(System.getProperty("voice.war")), Path.of(System.getProperty("voice.testClasses")));
    Map<String, String> env = new HashMap<>(database.pluginSettings());
    env.remove("VOICE_DB_JNDI");
    env.put("OPENAI_API_KEY", dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider.OPENAI_KEY);
    env.put("OPENAI_BASE_URL", fake.baseUrl());
    tomcat = TomcatDistribution.deploy(Path.of(System.getProperty("voice.tomcat11.home")), hostWar, null, null, env,
        Map.of("host-users.xml", HostWar.USERS_XML));
  }

  @AfterAll
  void undeploy() throws Exception {
    tomcat.close();
    fake.close();
  }

  @Test
  void theRelayRunsInsideTheHostsWarWithTheHostsSignIn() throws Exception {
    // The host protects every path with its sign-in, the upgrade too; the browser sends it as it does for any request.
    RelayRoundTrip.check(tomcat.base(), as("alice@acme", "alice-pw"), fake, "Authorization", basic("alice@acme", "alice-pw"));
  }

  @Test
  void theHostsSignInAndTenantReachThePluginsApi() {
    ApiClient.Reply me = as("alice@acme", "alice-pw").get("api/v1/me");
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.json().at("/tenantId").asText()).isEqualTo("acme");
    assertThat(me.json().at("/userId").asText()).isEqualTo("alice@acme");
    assertThat(me.json().at("/admin").asBoolean()).isTrue();
  }

  @Test
  void settingsAreSavedPerHostTenantAndOnlyAdminsMayChangeThem() {
    ApiClient alice = as("alice@acme", "alice-pw");
    ApiClient.Reply current = alice.get("api/v1/realtime-settings");
    assertThat(current.status()).as(current.body()).isEqualTo(200);
    ObjectNode settings = (ObjectNode) current.json().get("settings");
    settings.put("voice", "verse");
    ObjectNode body = settings.objectNode();
    body.set("settings", settings);
    assertThat(alice.put("api/v1/realtime-settings", body, "If-Match", current.header("ETag"), "X-Requested-With", "voice-plugin")
        .status()).isEqualTo(200);

    ApiClient.Reply bob = as("bob@acme", "bob-pw").get("api/v1/realtime-settings");
    assertThat(bob.status()).isEqualTo(403);
    assertThat(bob.json().at("/code").asText()).isEqualTo("not_tenant_admin");
    ApiClient.Reply gina = as("gina@globex", "gina-pw").get("api/v1/realtime-settings");
    assertThat(gina.json().at("/tenantId").asText()).isEqualTo("globex");
    assertThat(gina.json().at("/settings/voice").asText()).as("another tenant's settings").isNotEqualTo("verse");
  }

  @Test
  void theAdminElementsAreServedFromTheJarAndTheHostKeepsItsOwnPages() {
    ApiClient alice = as("alice@acme", "alice-pw");
    ApiClient.Reply widget = alice.get("voice-plugin/elements/voice-session.js");
    assertThat(widget.status()).isEqualTo(200);
    assertThat(widget.body()).contains("customElements");
    assertThat(alice.get("voice-plugin/elements/voice-settings-define.js").status()).isEqualTo(200);
    ApiClient.Reply page = alice.get("voice-plugin/admin.html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
    ApiClient.Reply hostPage = alice.get("index.html");
    assertThat(hostPage.body()).contains("The host's own admin.");
    assertThat(hostPage.header("Content-Security-Policy")).as("the plugin leaves the host's pages alone").isNull();
  }

  private ApiClient as(String user, String password) {
    return new ApiClient(tomcat.base()).withHeader("Authorization", basic(user, password));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
