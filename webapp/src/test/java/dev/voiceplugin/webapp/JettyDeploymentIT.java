package dev.voiceplugin.webapp;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/** The WAR on Jetty 12 (ee10), its database bound by Jetty at java:comp/env/jdbc/voice (the JNDI path). */
class JettyDeploymentIT extends DeploymentContract {
  private EmbeddedJetty jetty;

  @BeforeAll
  void deploy() throws Exception {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(database.server().url());
    ds.setUser(database.server().user());
    ds.setPassword(database.server().password());
    Map<String, String> params = new HashMap<>(demoSettings());
    params.put("VOICE_DB_SCHEMA", database.schema());
    params.putAll(providerSettings());
    jetty = EmbeddedJetty.deploy(Path.of(System.getProperty("voice.war")), "127.0.0.1", 0, "/voice", ds, params);
  }

  @AfterAll
  void undeploy() throws Exception {
    jetty.close();
  }

  @Override
  URI base() {
    return URI.create("http://127.0.0.1:" + jetty.port() + "/voice/");
  }
}
