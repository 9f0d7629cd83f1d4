package dev.voiceplugin.impl.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The provider client's selector threads (its WebSocket loops among them) belong to it, and end with it. */
class ProviderHttpThreadsTest {
  @Test
  void closingTheClientEndsEverySelectorThreadItStarted() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    ProviderHttp http = new ProviderHttp(new ProviderConfig(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1),
        Duration.ofSeconds(1)));
    List<Thread> started = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.getName().contains("SelectorManager")).toList();
    assertThat(started).as("the shared client and its %d WebSocket loops", ProviderHttp.STREAM_LOOPS)
        .hasSize(ProviderHttp.STREAM_LOOPS + 1);
    http.close();
    http = null; // Java 17 cannot stop a client: its thread ends once the client is unreachable
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (started.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(100);
    }
    assertThat(started).noneMatch(Thread::isAlive);
  }
}
