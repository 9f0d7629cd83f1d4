package dev.voiceplugin.webapp;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The WAR on a real Tomcat 10.1 distribution, its database a container Resource from context.xml (the JNDI path). */
class Tomcat10DeploymentIT extends DeploymentContract {
  private TomcatDistribution tomcat;

  @BeforeAll
  void deploy() throws Exception {
    String contextXml = """
        <Context>
          <Resource name="jdbc/voice" auth="Container" type="javax.sql.DataSource"
                    driverClassName="org.postgresql.Driver" url="%s"
                    username="%s" password="%s" maxTotal="8" maxWaitMillis="3000"/>
          <Parameter name="VOICE_DB_SCHEMA" value="%s" override="false"/>
          <Parameter name="VOICE_TENANCY" value="demo" override="false"/>
          <Parameter name="VOICE_DEMO_MODE" value="true" override="false"/>
          <Parameter name="OPENAI_API_KEY" value="%s" override="false"/>
          <Parameter name="OPENAI_BASE_URL" value="%s" override="false"/>
        </Context>
        """.formatted(xml(database.server().url()), xml(database.server().user()), xml(database.server().password()),
        database.schema(), providerSettings().get("OPENAI_API_KEY"), providerSettings().get("OPENAI_BASE_URL"));
    tomcat = TomcatDistribution.deploy(Path.of(System.getProperty("voice.tomcat10.home")),
        Path.of(System.getProperty("voice.war")), contextXml, Path.of(System.getProperty("voice.jdbc.driver")), Map.of());
  }

  @AfterAll
  void undeploy() throws Exception {
    tomcat.close();
  }

  @Override
  URI base() {
    return tomcat.base();
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }
}
