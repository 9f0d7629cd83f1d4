package dev.voiceplugin.impl.web;

import dev.voiceplugin.impl.VoicePlugin;
import dev.voiceplugin.impl.config.VoiceConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the plugin inside any Servlet 6 container. Declared in the impl jar's
 * {@code META-INF/web-fragment.xml}, so the standalone WAR and a host's WAR that merely contains
 * the jars both get the API at {@code /api/v1/*} without code or {@code web.xml}.
 *
 * <p>A configuration the plugin cannot use is logged as one clear line, and the API then answers
 * every call with a 503 {@code plugin_misconfigured} problem instead of failing the host's deployment.
 */
public final class VoicePluginListener implements ServletContextListener {
  private static final Logger log = LoggerFactory.getLogger(VoicePluginListener.class);
  public static final String API_MAPPING = "/api/v1/*";

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    VoiceConfig config = VoiceConfig.fromEnvironment(context::getInitParameter);
    try {
      VoicePlugin plugin = VoicePlugin.start(config);
      context.setAttribute(VoicePlugin.CONTEXT_ATTRIBUTE, plugin);
      ServletRegistration.Dynamic api = context.addServlet("voice-plugin-api", new ServletContainer(new ApiApplication(plugin)));
      api.addMapping(API_MAPPING);
      api.setLoadOnStartup(1);
      api.setAsyncSupported(true);
      plugin.registerWebComponents(context);
      log.info("voice-plugin started at {}{}", context.getContextPath(), API_MAPPING.replace("/*", ""));
    } catch (RuntimeException e) {
      log.error("voice-plugin is not configured correctly and answers 503: {}", e.getMessage());
      context.addServlet("voice-plugin-api", new MisconfiguredServlet(e.getMessage())).addMapping(API_MAPPING);
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    Object plugin = event.getServletContext().getAttribute(VoicePlugin.CONTEXT_ATTRIBUTE);
    if (plugin instanceof VoicePlugin p) {
      p.close();
    }
  }
}
