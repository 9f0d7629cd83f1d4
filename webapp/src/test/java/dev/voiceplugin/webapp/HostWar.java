package dev.voiceplugin.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds a small host platform's WAR the way a platform team would adopt the plugin: its own
 * web.xml, BASIC sign-in, a tenant filter and a page, plus the plugin's jars (taken from the
 * built plugin WAR's WEB-INF/lib) and no plugin code or configuration of its own.
 */
final class HostWar {
  private HostWar() {}

  static Path build(Path pluginWar, Path testClasses) throws IOException {
    Path war = Files.createTempDirectory("host-war").resolve("host.war");
    try (ZipFile plugin = new ZipFile(pluginWar.toFile()); OutputStream out = Files.newOutputStream(war);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Enumeration<? extends ZipEntry> entries = plugin.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        if (entry.getName().startsWith("WEB-INF/lib/") && entry.getName().endsWith(".jar")) {
          zip.putNextEntry(new ZipEntry(entry.getName()));
          try (InputStream in = plugin.getInputStream(entry)) {
            in.transferTo(zip);
          }
          zip.closeEntry();
        }
      }
      String filter = "dev/voiceplugin/webapp/host/HostTenantFilter.class";
      put(zip, "WEB-INF/classes/" + filter, Files.readAllBytes(testClasses.resolve(filter)));
      put(zip, "WEB-INF/web.xml", WEB_XML.getBytes(StandardCharsets.UTF_8));
      put(zip, "META-INF/context.xml", CONTEXT_XML.getBytes(StandardCharsets.UTF_8));
      put(zip, "index.html", "<!DOCTYPE html><title>Acme platform</title><p>The host's own admin.</p>".getBytes(StandardCharsets.UTF_8));
    }
    return war;
  }

  private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }

  static final String WEB_XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
        <display-name>Acme platform (host)</display-name>
        <filter>
          <filter-name>tenant</filter-name>
          <filter-class>dev.voiceplugin.webapp.host.HostTenantFilter</filter-class>
        </filter>
        <filter-mapping><filter-name>tenant</filter-name><url-pattern>/*</url-pattern></filter-mapping>
        <security-constraint>
          <web-resource-collection><web-resource-name>everything</web-resource-name><url-pattern>/*</url-pattern></web-resource-collection>
          <auth-constraint><role-name>staff</role-name><role-name>voice-admin</role-name></auth-constraint>
        </security-constraint>
        <login-config><auth-method>BASIC</auth-method><realm-name>acme</realm-name></login-config>
        <security-role><role-name>staff</role-name></security-role>
        <security-role><role-name>voice-admin</role-name></security-role>
      </web-app>
      """;

  static final String CONTEXT_XML = """
      <Context>
        <Realm className="org.apache.catalina.realm.MemoryRealm" pathname="conf/host-users.xml"/>
      </Context>
      """;

  static final String USERS_XML = """
      <tomcat-users>
        <user username="alice@acme" password="alice-pw" roles="voice-admin"/>
        <user username="bob@acme" password="bob-pw" roles="staff"/>
        <user username="gina@globex" password="gina-pw" roles="voice-admin"/>
      </tomcat-users>
      """;
}
