package dev.voiceplugin.webapp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Tomcat distribution (unzipped from Maven Central) started with {@code catalina.sh run} in
 * its own process and CATALINA_BASE, with the built WAR dropped into {@code webapps/} exactly as an
 * operator would. Only loopback is used.
 */
final class TomcatDistribution implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path base;

  private TomcatDistribution(Process process, int port, Path base) {
    this.process = process;
    this.port = port;
    this.base = base;
  }

  /**
   * @param contextXml the content of {@code conf/Catalina/localhost/voice.xml} (e.g. a JNDI Resource), or null
   * @param env extra environment variables for the Tomcat process (e.g. VOICE_DB_URL)
   */
  static TomcatDistribution deploy(Path home, Path war, String contextXml, Path driverJar, Map<String, String> env)
      throws IOException, InterruptedException {
    return deploy(home, war, contextXml, driverJar, env, Map.of());
  }

  /** Like the above, also writing {@code confFiles} (name to content) into the instance's {@code conf/}. */
  static TomcatDistribution deploy(Path home, Path war, String contextXml, Path driverJar, Map<String, String> env,
      Map<String, String> confFiles) throws IOException, InterruptedException {
    Path base = Files.createTempDirectory("voice-tomcat-base");
    copyTree(home.resolve("conf"), base.resolve("conf"));
    for (Map.Entry<String, String> file : confFiles.entrySet()) {
      Files.writeString(base.resolve("conf").resolve(file.getKey()), file.getValue());
    }
    for (String dir : List.of("logs", "temp", "work", "webapps", "lib")) {
      Files.createDirectories(base.resolve(dir));
    }
    int port = freePort();
    Files.writeString(base.resolve("conf/server.xml"), """
        <Server port="-1" shutdown="SHUTDOWN">
          <Service name="Catalina">
            <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000"/>
            <Engine name="Catalina" defaultHost="localhost">
              <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
            </Engine>
          </Service>
        </Server>
        """.formatted(port));
    if (contextXml != null) {
      Files.createDirectories(base.resolve("conf/Catalina/localhost"));
      Files.writeString(base.resolve("conf/Catalina/localhost/voice.xml"), contextXml);
      Files.copy(driverJar, base.resolve("lib").resolve(driverJar.getFileName()));
    }
    Files.copy(war, base.resolve("webapps/voice.war"));
    try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
      scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
    }
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/catalina.sh").toString(), "run")
        .redirectErrorStream(true)
        .redirectOutput(base.resolve("logs/console.log").toFile());
    pb.environment().put("CATALINA_HOME", home.toString());
    pb.environment().put("CATALINA_BASE", base.toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("CATALINA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
    pb.environment().putAll(env);
    TomcatDistribution tomcat = new TomcatDistribution(pb.start(), port, base);
    tomcat.awaitDeployed();
    return tomcat;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port + "/voice/");
  }

  String consoleLog() {
    try {
      return Files.readString(base.resolve("logs/console.log"));
    } catch (IOException e) {
      return "(no console log: " + e + ")";
    }
  }

  private void awaitDeployed() throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Tomcat exited with " + process.exitValue() + ":\n" + consoleLog());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base().resolve("api/v1/health")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 404 && r.statusCode() != 503) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Tomcat did not deploy the WAR in 90 s:\n" + consoleLog());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
