package dev.voiceplugin.webapp.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench server JVM ({@link BenchServer}) as seen from the load generator: forks it with this
 * JVM's class path, waits for its ready file, reads its CPU from /proc and its allocation from its
 * stats servlet, and kills it on close or when this JVM exits.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final URI base;
  private final long postmaster;
  private final Thread hook;
  private final HttpClient http = HttpClient.newHttpClient();

  private ServerProcess(Process process, URI base, long postmaster, Thread hook) {
    this.process = process;
    this.postmaster = postmaster;
    this.base = base;
    this.hook = hook;
  }

  static ServerProcess start(Path workDir, String upstream, String poolSize) throws Exception {
    Files.createDirectories(workDir);
    Path ready = workDir.resolve("server.ready");
    Files.deleteIfExists(ready);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    for (String arg : System.getProperty("bench.serverJvmArgs", "").trim().split("\\s+")) {
      if (!arg.isBlank()) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Dvoice.war=" + System.getProperty("voice.war"),
        "-Dbench.upstream=" + upstream, "-Dbench.readyFile=" + ready, "-Dbench.poolSize=" + poolSize,
        "-Dbench.pluginParams=" + System.getProperty("bench.pluginParams", ""), BenchServer.class.getName()));
    File log = workDir.resolve("server.log").toFile();
    // stdin stays a pipe: when this JVM dies, the server sees end of input and exits.
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    Thread hook = new Thread(() -> kill(p), "bench-server-kill");
    Runtime.getRuntime().addShutdownHook(hook);
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (!Files.exists(ready)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        kill(p);
        throw new IllegalStateException("bench server did not start (exit " + (p.isAlive() ? "none" : p.exitValue()) + "); see " + log);
      }
      Thread.sleep(100);
    }
    Map<String, String> facts = new HashMap<>();
    for (String line : Files.readAllLines(ready)) {
      facts.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    return new ServerProcess(p, URI.create("http://127.0.0.1:" + facts.get("port")), Long.parseLong(facts.get("postmaster")), hook);
  }

  URI base() {
    return base;
  }

  long pid() {
    return process.pid();
  }

  /** The server JVM's own CPU (its threads, GC and JIT), ns. */
  long jvmCpuNanos() {
    return ProcCpu.own(process.pid());
  }

  /** Its embedded PostgreSQL's CPU (postmaster and backends), ns. */
  long databaseCpuNanos() {
    return ProcCpu.tree(postmaster);
  }

  Map<String, Long> get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    Map<String, Long> out = new HashMap<>();
    for (String line : r.body().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        try {
          out.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
        } catch (NumberFormatException e) {
          System.err.println("bench server: " + line);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    kill(process);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
  }

  /** SIGTERM first so its shutdown hook stops PostgreSQL; then SIGKILL. */
  static void kill(Process p) {
    if (!p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
