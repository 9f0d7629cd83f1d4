package dev.voiceplugin.webapp;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The WAR on a real Tomcat 11 distribution, configured only through environment variables (no JNDI). */
class Tomcat11DeploymentIT extends DeploymentContract {
  private TomcatDistribution tomcat;

  @BeforeAll
  void deploy() throws Exception {
    Map<String, String> env = new HashMap<>(database.pluginSettings());
    env.remove("VOICE_DB_JNDI");
    env.putAll(demoSettings());
    env.putAll(providerSettings());
    tomcat = TomcatDistribution.deploy(Path.of(System.getProperty("voice.tomcat11.home")),
        Path.of(System.getProperty("voice.war")), null, null, env);
  }

  @AfterAll
  void undeploy() throws Exception {
    tomcat.close();
  }

  @Override
  URI base() {
    return tomcat.base();
  }
}
