package dev.voiceplugin.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.RelayClient;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import dev.voiceplugin.impl.testing.fake.FakeStream;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;

/**
 * A relayed session through a deployed container's own Jakarta WebSocket, and the message limit,
 * which must be the same on every container (Tomcat's default text buffer is 8 KiB, Jetty's 64 KiB).
 */
final class RelayRoundTrip {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private RelayRoundTrip() {}

  /** {@code signedIn} may start sessions in its tenant; {@code base} is the application's root, ending in "/". */
  static void check(URI base, ApiClient signedIn, FakeRealtimeProvider fake, String... upgradeHeaders) throws Exception {
    String origin = base.getScheme() + "://" + base.getAuthority();
    ApiClient.Reply ticket = signedIn.post("api/v1/realtime-relay/tickets", "{}", "X-Requested-With", "voice-plugin",
        "Origin", origin);
    assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
    URI socket = URI.create(origin.replaceFirst("^http", "ws")).resolve(ticket.json().get("url").asText());
    assertThat(socket.getPath()).isEqualTo(base.getPath() + "api/v1/realtime-relay");
    int before = fake.streams().size();
    try (RelayClient browser = RelayClient.connect(socket, origin, upgradeHeaders)) {
      browser.awaitType("session.updated", WAIT);
      FakeStream stream = fake.awaitStream(before + 1, WAIT);
      for (int i = 0; i < 35; i++) {
        browser.send(append(20));
      }
      browser.awaitType("response.done", WAIT);
      stream.echo(false);
      browser.send(append(1000)); // 64,000 characters: under the relay's 64 KiB on every container
      stream.awaitEvent(e -> e.path("audio").asText().length() > 60_000, WAIT);
      browser.sendAsync(append(1100)); // 70,400 characters: over it
      assertThat(browser.awaitClose(WAIT)).isEqualTo(1009);
    }
    assertThat(fake.takeViolations()).isEmpty();
  }

  private static String append(int ms) {
    byte[] pcm = new byte[ms * 48];
    for (int i = 0; i < pcm.length; i += 2) {
      pcm[i] = (byte) (i * 7);
    }
    return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}";
  }
}
