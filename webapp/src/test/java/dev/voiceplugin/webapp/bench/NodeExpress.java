package dev.voiceplugin.webapp.bench;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reference (a): {@code src/bench/node/token-server.js} under Node with Express installed from the
 * npm registry into {@code <workDir>/node} (once; later runs reuse it), started as a child process
 * on a free loopback port and killed on close, on this JVM's exit, and by itself when our pipe to
 * its stdin closes.
 */
final class NodeExpress implements AutoCloseable {
  private final Process process;
  private final URI base;
  private final Thread hook;
  private final String version;

  private NodeExpress(Process process, URI base, Thread hook, String version) {
    this.process = process;
    this.base = base;
    this.hook = hook;
    this.version = version;
  }

  static NodeExpress start(Path workDir, Path script, String expressVersion, String upstream) throws Exception {
    Path dir = workDir.resolve("node");
    Files.createDirectories(dir);
    Path installed = dir.resolve("node_modules/express/package.json");
    if (!Files.exists(installed) || !Files.readString(installed).contains("\"version\": \"" + expressVersion + "\"")) {
      run(dir, List.of("npm", "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error",
          "express@" + expressVersion), Duration.ofMinutes(3));
    }
    Files.copy(script, dir.resolve("token-server.js"), StandardCopyOption.REPLACE_EXISTING);
    Path log = dir.resolve("token-server.log");
    ProcessBuilder pb = new ProcessBuilder("node", "token-server.js").directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("OPENAI_BASE_URL", upstream);
    pb.environment().put("OPENAI_API_KEY", Bench.API_KEY);
    pb.environment().put("MINT_BODY", Bench.MINT_BODY);
    pb.environment().put("NODE_ENV", "production");
    Process p = pb.start();
    Thread hook = new Thread(() -> ServerProcess.kill(p), "bench-node-kill");
    Runtime.getRuntime().addShutdownHook(hook);
    Pattern ready = Pattern.compile("READY (\\d+)");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Matcher m = ready.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        String v = Files.readString(installed).replaceAll("(?s).*\"version\": \"([^\"]+)\".*", "$1");
        return new NodeExpress(p, URI.create("http://127.0.0.1:" + m.group(1)), hook, v);
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        ServerProcess.kill(p);
        throw new IllegalStateException("node did not start; see " + log + ":\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  private static void run(Path dir, List<String> cmd, Duration limit) throws Exception {
    File log = dir.resolve("npm-install.log").toFile();
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log).start();
    if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " took over " + limit + "; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + Files.readString(log.toPath()));
    }
  }

  URI base() {
    return base;
  }

  String version() {
    return version;
  }

  long cpuNanos() {
    return ProcCpu.own(process.pid());
  }

  @Override
  public void close() {
    ServerProcess.kill(process);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
  }
}
