package dev.voiceplugin.webapp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.impl.testing.fake.FakeCall;
import dev.voiceplugin.impl.testing.fake.FakeEvents;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What watching calls costs: {@code bench.calls} server-controlled calls held open on one plugin
 * instance against the fake provider, each reporting a response's usage every 2 s over its sideband,
 * for {@code bench.seconds}. Reports CPU of the plugin's own threads (sidebands, HTTP client, call
 * supervisor, database pool) per call, and retained heap per call after a GC, beside the same
 * instance holding no calls.
 */
final class CallsBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

  private CallsBench() {}

  static int run() throws Exception {
    int calls = Integer.getInteger("bench.calls", 200);
    int seconds = Integer.getInteger("bench.callSeconds", 60);
    try (FakeRealtimeProvider fake = FakeRealtimeProvider.start()) {
      Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
      settings.put("VOICE_TENANCY", "test-headers");
      settings.put("OPENAI_API_KEY", FakeRealtimeProvider.OPENAI_KEY);
      settings.put("OPENAI_BASE_URL", fake.baseUrl());
      settings.put("VOICE_MINT_LIMIT_PER_TENANT", "100000/1m");
      settings.put("VOICE_MINT_LIMIT_PER_USER", "100000/1m");
      try (TestServer server = TestServer.start(settings)) {
        HttpClient http = HttpClient.newHttpClient();
        allowCalls(http, server, calls);
        double idleCpu = pluginCpuMs(Duration.ofSeconds(10), fake, List.of());
        long idleHeap = heapAfterGc();
        for (int i = 0; i < calls; i++) {
          HttpResponse<String> r = http.send(request(server, "realtime-calls", "u" + i)
              .header("Content-Type", "application/sdp").POST(HttpRequest.BodyPublishers.ofString(OFFER)).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 201) {
            throw new IllegalStateException("call " + i + ": " + r.statusCode() + " " + r.body());
          }
        }
        List<FakeCall> open = fake.calls();
        long held = heapAfterGc();
        double busyCpu = pluginCpuMs(Duration.ofSeconds(seconds), fake, open);
        double idlePerSecond = idleCpu / 10;
        double busyPerSecond = busyCpu / seconds;
        double percentOfCorePerCall = (busyPerSecond - idlePerSecond) / calls / 10; // ms per s -> % of one core
        System.out.printf("%n### Calls benchmark%n%n%d calls held for %d s, each reporting usage every 2 s (%d events/s); "
            + "load average %s%n%n", calls, seconds, calls / 2, loadAverage());
        System.out.println("| measure | no calls | with calls | per call |");
        System.out.println("|---|---:|---:|---:|");
        System.out.printf("| plugin threads' CPU, ms per second | %.1f | %.1f | %.3f (%.3f %% of a core) |%n", idlePerSecond,
            busyPerSecond, (busyPerSecond - idlePerSecond) / calls, percentOfCorePerCall);
        System.out.printf("| heap after GC, MiB | %.1f | %.1f | %.1f KiB |%n", idleHeap / 1048576.0, held / 1048576.0,
            (held - idleHeap) / 1024.0 / calls);
        return 0;
      }
    }
  }

  private static HttpRequest.Builder request(TestServer server, String path, String user) {
    return HttpRequest.newBuilder(server.api(path)).header("X-Test-Tenant", "bench").header("X-Test-User", user)
        .header("X-Test-Admin", "true").header("X-Requested-With", "voice-plugin");
  }

  private static void allowCalls(HttpClient http, TestServer server, int calls) throws Exception {
    HttpResponse<String> current = http.send(request(server, "realtime-settings", "root").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    ObjectNode settings = (ObjectNode) JSON.readTree(current.body()).get("settings");
    settings.put("maxConcurrentCalls", Math.max(calls, 1));
    settings.put("maxCallMinutes", 60);
    ObjectNode body = JSON.createObjectNode();
    body.set("settings", settings);
    HttpResponse<String> saved = http.send(request(server, "realtime-settings", "root")
        .header("Content-Type", "application/json").header("If-Match", current.headers().firstValue("ETag").orElseThrow())
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    if (saved.statusCode() != 200) {
      throw new IllegalStateException("settings: " + saved.body());
    }
  }

  /** CPU of the plugin's threads (by name) over {@code window}, while each open call reports usage every 2 s. */
  private static double pluginCpuMs(Duration window, FakeRealtimeProvider fake, List<FakeCall> open) throws InterruptedException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long before = pluginCpuNanos(threads);
    long end = System.nanoTime() + window.toNanos();
    int round = 0;
    while (System.nanoTime() < end) {
      for (FakeCall call : open) {
        call.push(FakeEvents.responseDone("r" + round + "_" + call.id(), 40, 120, 0, 12, 200));
      }
      round++;
      Thread.sleep(2000);
    }
    return (pluginCpuNanos(threads) - before) / 1e6;
  }

  private static long pluginCpuNanos(ThreadMXBean threads) {
    long total = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && (info.getThreadName().startsWith("voice-plugin") || info.getThreadName().startsWith("HttpClient"))) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        total += Math.max(0, cpu);
      }
    }
    return total;
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
