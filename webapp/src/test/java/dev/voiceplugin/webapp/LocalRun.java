package dev.voiceplugin.webapp;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The README's run command: the built WAR on Jetty at http://localhost:8080 with an embedded
 * PostgreSQL whose data stays in {@code .voice-local/} between runs, the demo sign-in (tenant
 * {@code demo}, user {@code admin}) and a master key generated once. Set {@code VOICE_DB_URL} (and
 * user/password) to use a real PostgreSQL instead, and {@code OPENAI_API_KEY} to talk to OpenAI.
 */
public final class LocalRun {
  private LocalRun() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(System.getenv().getOrDefault("VOICE_LOCAL_DIR", ".voice-local")).toAbsolutePath();
    Files.createDirectories(home);
    int httpPort = Integer.parseInt(System.getenv().getOrDefault("VOICE_LOCAL_PORT", "8080"));
    Map<String, String> params = new HashMap<>();
    params.put("VOICE_TENANCY", "demo");
    params.put("VOICE_DEMO_MODE", "true");
    params.put("VOICE_DB_JNDI", "");
    if (System.getenv("VOICE_MASTER_KEY") == null) {
      params.put("VOICE_MASTER_KEY", masterKey(home.resolve("master.key")));
    }
    EmbeddedPostgres pg = null;
    if (System.getenv("VOICE_DB_URL") == null) {
      int pgPort = Integer.parseInt(System.getenv().getOrDefault("VOICE_LOCAL_PG_PORT", "54329"));
      pg = EmbeddedPostgres.builder().setDataDirectory(home.resolve("pgdata")).setCleanDataDirectory(false)
          .setPort(pgPort).start();
      params.put("VOICE_DB_URL", pg.getJdbcUrl("postgres", "postgres"));
      params.put("VOICE_DB_USER", "postgres");
      params.put("VOICE_DB_PASSWORD", "postgres");
    }
    EmbeddedJetty jetty = EmbeddedJetty.deploy(Path.of(System.getProperty("voice.war")), "localhost", httpPort, "/", null, params, false);
    EmbeddedPostgres database = pg;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        jetty.close();
        if (database != null) {
          database.close();
        }
      } catch (Exception e) {
        System.err.println("shutdown: " + e);
      }
    }));
    System.out.printf("""

        voice-plugin is running at http://localhost:%d/
          admin page : http://localhost:%d/voice-plugin/admin.html (sign in as tenant "demo", user "admin")
          health     : http://localhost:%d/api/v1/health
          data       : %s%s
          provider   : %s
        Stop with Ctrl-C.
        %n""", httpPort, httpPort, httpPort, home, pg == null ? " (database from VOICE_DB_URL)" : " (embedded PostgreSQL)",
        System.getenv("OPENAI_API_KEY") == null && System.getenv("AZURE_OPENAI_API_KEY") == null
            ? "no platform key: set OPENAI_API_KEY, or save a tenant key on the settings screen"
            : "platform key from the environment");
    Thread.currentThread().join();
  }

  private static String masterKey(Path file) throws Exception {
    if (!Files.exists(file)) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(file, Base64.getEncoder().encodeToString(key));
    }
    return Files.readString(file).trim();
  }
}
