package dev.voiceplugin.impl.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.RelayClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How relayed sessions end with their instance: told 4503 at a shutdown; ended, never adopted, after a crash. */
class RelayLifecycleTest {
  static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void aShutdownClosesEveryRelayedSessionAndEndsItsCall() throws Exception {
    RelayTestSupport t = new RelayTestSupport(Map.of());
    try (RelayClient browser = t.ready("down", "dan")) {
      String callId = browser.events().get(0).path("callId").asText();
      var database = t.server.plugin().database();
      String schema = database.schema();
      t.server.close();
      // Tomcat destroys the plugin's listener before its WebSocket container, so sessions hear 4503
      // (the next test drives that path). Embedded Jetty's stop drops WebSocket connections itself,
      // without a close frame the client is sure to notice in time; what must hold is the call's end.
      try (Connection c = dev.voiceplugin.impl.testing.PostgresFixture.server().connect();
          var rs = c.createStatement().executeQuery("select end_reason from " + schema + ".voice_calls where id = '" + callId + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).as("no call is left active by a shutdown").isIn("instance_lost", "browser_closed");
      }
    } finally {
      t.fake.close();
    }
  }

  @Test
  void theRelaysOwnShutdownTellsEveryBrowser4503AndEndsTheCallsAsLost() throws Exception {
    try (RelayTestSupport t = new RelayTestSupport(Map.of())) {
      RelayClient browser = t.ready("stop", "sue");
      String callId = browser.events().get(0).path("callId").asText();
      t.server.plugin().relay().close(); // what the plugin's contextDestroyed does first
      assertThat(browser.awaitClose(WAIT)).isEqualTo(4503);
      assertThat(browser.closeReason()).isEqualTo("relay_unavailable");
      RelayTestSupport.eventually(() -> "instance_lost".equals(t.call("stop", callId).path("endReason").asText()), "ended");
      assertThat(t.server.plugin().relay().openSessions()).isZero();
    }
  }

  @Test
  void aSessionThatOpensWhileTheRelayStopsIsClosed4503AndItsCallEnded() throws Exception {
    try (RelayTestSupport t = new RelayTestSupport(Map.of())) {
      java.net.URI socket = t.socketUrl(t.ticket("late", "lou"));
      t.server.plugin().relay().close(); // its timers refuse work from now on; the endpoint still upgrades
      try (RelayClient browser = RelayClient.connect(socket, t.origin)) {
        assertThat(browser.awaitClose(WAIT)).isEqualTo(4503);
        String callId = browser.events().get(0).path("callId").asText();
        RelayTestSupport.eventually(() -> "instance_lost".equals(t.call("late", callId).path("endReason").asText()), "ended");
      }
      assertThat(t.server.plugin().relay().openSessions()).isZero();
    }
  }

  @Test
  void aRelayedCallWhoseInstanceStoppedRenewingIsEndedAsLostAndNotReattached() throws Exception {
    try (RelayTestSupport t = new RelayTestSupport(Map.of())) {
      var database = t.server.plugin().database();
      UUID orphan = UUID.randomUUID();
      try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement("insert into " + database.schema()
          + ".voice_calls (id, tenant_id, user_id, provider, model, provider_call_id, settings_version, started_at, ends_at,"
          + " owner, lease_until, transport) values (?, 'gone', 'gus', 'openai', 'gpt-realtime', '', 1, now(),"
          + " now() + interval '10 minutes', 'i-crashed', now() - interval '1 second', 'relay')")) {
        ps.setObject(1, orphan);
        ps.executeUpdate();
      }
      RelayTestSupport.eventually(() -> "instance_lost".equals(t.call("gone", orphan.toString()).path("endReason").asText()),
          "the lost relay call ended");
      assertThat(t.fake.streams()).as("a relay cannot be re-attached: nothing was opened for it").isEmpty();
      assertThat(t.fake.requests().stream().filter(r -> r.path().contains("hangup"))).isEmpty();
    }
  }
}
