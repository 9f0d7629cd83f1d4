package dev.voiceplugin.impl.relay;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's Jakarta WebSocket endpoint at {@value #PATH}, registered by the plugin itself
 * through the container's {@link ServerContainer} (so it works in the plugin's WAR and inside a
 * host's WAR, on Tomcat and Jetty alike). The upgrade is always accepted: a browser cannot read why
 * an upgrade was refused, so the ticket and origin are checked right after it and a refusal is a
 * close code the widget can explain.
 */
public final class RelayEndpoint extends Endpoint {
  public static final String PATH = "/api/v1/realtime-relay";
  private static final String ORIGIN = "voice-plugin.relay.origin";
  private static final String SESSION = "voice-plugin.relay.session";
  private static final Logger log = LoggerFactory.getLogger(RelayEndpoint.class);
  private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
  private static final Long BLOCKING_SEND_MILLIS = 2_000L;

  private final RelayService service;

  RelayEndpoint(RelayService service) {
    this.service = service;
  }

  /** Registers the endpoint; false (and the relay answers 503 relay_unavailable) when the container has no WebSocket support. */
  public static boolean register(Object serverContainer, RelayService service) {
    if (!(serverContainer instanceof ServerContainer container)) {
      log.warn("voice-plugin relay is off: the servlet container offers no Jakarta WebSocket ServerContainer");
      return false;
    }
    ServerEndpointConfig config = ServerEndpointConfig.Builder.create(RelayEndpoint.class, PATH)
        .configurator(new Configurator(service)).build();
    try {
      container.addEndpoint(config);
    } catch (DeploymentException | RuntimeException e) {
      log.warn("voice-plugin relay is off: the container refused its endpoint ({})", e.getMessage());
      return false;
    }
    service.endpointRegistered();
    return true;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    // Equal on every container (Jetty's default idle timeout is 30 s, Tomcat's none); pings keep a quiet session open.
    session.setMaxIdleTimeout(service.options().idleTimeout().toMillis());
    // Tomcat writes pings and closes blocking, 20 s at most by default; a browser that stopped
    // reading should hold a control thread for less (Jetty ignores the property).
    session.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, BLOCKING_SEND_MILLIS);
    String origin = (String) config.getUserProperties().get(ORIGIN);
    List<String> tickets = session.getRequestParameterMap().get("ticket");
    String ticket = tickets == null || tickets.isEmpty() ? null : tickets.get(0);
    // Handlers first: the browser may send before the provider confirms the session (those are held).
    RelaySession[] relay = new RelaySession[1];
    session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
      if (relay[0] != null) {
        relay[0].onBrowserPart(part, last);
      }
    });
    session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
      if (relay[0] != null) {
        relay[0].onBrowserBinary();
      }
    });
    relay[0] = service.open(session, origin);
    // Before start: a socket that closes while the session starts must find it.
    session.getUserProperties().put(SESSION, relay[0]);
    relay[0].start(ticket);
  }

  @Override
  public void onClose(Session session, CloseReason closeReason) {
    gone(session);
  }

  @Override
  public void onError(Session session, Throwable thr) {
    log.debug("Relay browser socket failed: {}", thr.toString());
    gone(session);
  }

  private static void gone(Session session) {
    Object relay = session.getUserProperties().get(SESSION);
    if (relay instanceof RelaySession r) {
      r.onBrowserGone();
    }
  }

  /** Hands out endpoints that know the service, and keeps the upgrade's Origin for the ticket check. */
  static final class Configurator extends ServerEndpointConfig.Configurator {
    private final RelayService service;

    Configurator(RelayService service) {
      this.service = service;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
      // The spec gives each handshake its own copy of the user properties (Tomcat and Jetty do).
      List<String> origins = request.getHeaders().get("Origin");
      if (origins == null) {
        origins = request.getHeaders().get("origin");
      }
      sec.getUserProperties().put(ORIGIN, origins == null || origins.isEmpty() ? null : origins.get(0));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
      return endpointClass.cast(new RelayEndpoint(service));
    }
  }
}
