package dev.voiceplugin.impl.testing.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One call the fake provider created, with its sideband (when the plugin attached one). A test
 * reads what the plugin sent, pushes server events and ends the socket in any of the ways a real
 * provider does.
 */
public final class FakeCall {
  /** Which API created it. */
  public enum Flavor {
    OPENAI, AZURE, OPENAI_LIVE, AZURE_LIVE;

    /** A GPT-Live session rather than a Realtime call. */
    public boolean live() {
      return this == OPENAI_LIVE || this == AZURE_LIVE;
    }

    /** Created at an Azure resource ({@code /openai/v1/…}). */
    public boolean azure() {
      return this == AZURE || this == AZURE_LIVE;
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final String id;
  private final Flavor flavor;
  private final String offer;
  private final JsonNode session;
  private final List<JsonNode> received = new ArrayList<>();
  private final List<FakeSideband> sidebands = new ArrayList<>();
  private volatile boolean hungUp;
  private final long createdNanos = System.nanoTime();
  /** GPT-Live: why the session ended (close_requested, expired, …), null while it runs. */
  private volatile String closedReason;

  FakeCall(String id, Flavor flavor, String offer, JsonNode session) {
    this.id = id;
    this.flavor = flavor;
    this.offer = offer;
    this.session = session;
  }

  public String id() {
    return id;
  }

  public Flavor flavor() {
    return flavor;
  }

  /** The SDP offer exactly as posted. */
  public String offer() {
    return offer;
  }

  /** The session the call was created with: the multipart {@code session} part, Azure's minted session, or GPT-Live's {@code session}. */
  public Optional<JsonNode> session() {
    return Optional.ofNullable(session);
  }

  /** Every client event the plugin sent over any sideband of this call, in order. */
  public List<JsonNode> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Waits until the plugin has sent at least {@code count} events. */
  public List<JsonNode> awaitReceived(int count) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (received) {
      while (received.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the plugin sent " + received.size() + " of " + count + " events on call " + id);
        }
        waitOn(received, left);
      }
      return List.copyOf(received);
    }
  }

  /** Whether the plugin hung this call up. */
  public boolean hungUp() {
    return hungUp;
  }

  /** GPT-Live: why the session ended, once it has ({@code close_requested} after the plugin's {@code session.close}). */
  public Optional<String> sessionClosed() {
    return Optional.ofNullable(closedReason);
  }

  /** GPT-Live: waits until the session has ended, and says why. */
  public String awaitSessionClosed() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (closedReason == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("GPT-Live session " + id + " was not closed");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    return closedReason;
  }

  /**
   * GPT-Live: the provider ends the session itself ({@code expired} at its time limit, {@code
   * content}, {@code connection_lost}, ...): {@code session.closed} with the final usage, then the sideband closes.
   */
  public FakeCall endSession(String reason) {
    if (markClosed(reason)) {
      current().filter(FakeSideband::isOpen).ifPresent(s -> s.closeWith(FakeLiveEvents.sessionClosed(reason, billedSeconds())));
    }
    return this;
  }

  /** The session's billed seconds so far, as the fake provider reports them (its age, in tenths). */
  double billedSeconds() {
    return Math.round((System.nanoTime() - createdNanos) / 100_000_000.0) / 10.0;
  }

  /** Marks a GPT-Live session ended; false if it already was. */
  synchronized boolean markClosed(String reason) {
    if (closedReason != null) {
      return false;
    }
    closedReason = reason;
    return true;
  }

  /** Whether a sideband is connected now. */
  public boolean sidebandOpen() {
    return current().map(FakeSideband::isOpen).orElse(false);
  }

  /** How many sideband connections the plugin has opened to this call. */
  public int sidebandCount() {
    synchronized (sidebands) {
      return sidebands.size();
    }
  }

  /** Waits for the plugin's sideband to connect. */
  public FakeCall awaitSideband() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (sidebands) {
      while (sidebands.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no sideband attached to call " + id);
        }
        waitOn(sidebands, left);
      }
    }
    return this;
  }

  /** Sends a server event (any text; it is not checked to be JSON) and waits until it is written. */
  public FakeCall push(String event) {
    sideband().sendText(event);
    return this;
  }

  /** Sends one event as {@code fragments} text frames (continuations), as a provider may. */
  public FakeCall pushFragmented(String event, int fragments) {
    sideband().sendFragmented(event, fragments);
    return this;
  }

  /** Closes the sideband with a close frame ({@code 1000}, {@code 1001} at the 60-minute cap, ...). */
  public FakeCall close(int code, String reason) {
    sideband().close(code, reason);
    return this;
  }

  /** Drops the TCP connection without a close frame (a crash or a network cut). */
  public FakeCall drop() {
    sideband().drop();
    return this;
  }

  /** Stops reading from the sideband, so the plugin's writes back up (a stuck provider). */
  public FakeCall stopReading() {
    sideband().pause();
    return this;
  }

  /** Reads again after {@link #stopReading()} (and so notices a connection the plugin dropped meanwhile). */
  public FakeCall resumeReading() {
    sideband().resume();
    return this;
  }

  /** WebSocket pings received from the plugin on all sidebands of this call. */
  public int pings() {
    synchronized (sidebands) {
      return sidebands.stream().mapToInt(FakeSideband::pings).sum();
    }
  }

  /** The close code the plugin sent, once its sideband closed (empty while open or when dropped). */
  public OptionalInt closedByPluginWith() {
    return current().map(FakeSideband::clientCloseCode).orElse(OptionalInt.empty());
  }

  /** Waits until the current sideband is closed, whoever closed it. */
  public FakeCall awaitSidebandClosed() {
    try {
      sideband().closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return this;
    } catch (Exception e) {
      throw new AssertionError("the sideband of call " + id + " did not close", e);
    }
  }

  // ---- for the fake provider

  void attached(FakeSideband sideband) {
    synchronized (sidebands) {
      sidebands.add(sideband);
      sidebands.notifyAll();
    }
  }

  void receivedEvent(JsonNode event) {
    synchronized (received) {
      received.add(event);
      received.notifyAll();
    }
  }

  void hangUp() {
    hungUp = true;
    current().filter(FakeSideband::isOpen).ifPresent(s -> s.close(1000, ""));
  }

  CompletableFuture<Void> currentClosed() {
    return current().map(FakeSideband::closed).orElse(CompletableFuture.completedFuture(null));
  }

  private Optional<FakeSideband> current() {
    synchronized (sidebands) {
      return sidebands.isEmpty() ? Optional.empty() : Optional.of(sidebands.get(sidebands.size() - 1));
    }
  }

  private FakeSideband sideband() {
    return awaitSideband().current().orElseThrow();
  }

  private static void waitOn(Object monitor, long nanos) {
    try {
      monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return "FakeCall[" + id + ", " + flavor + (hungUp ? ", hung up" : "") + (closedReason != null ? ", closed: " + closedReason : "")
        + "]";
  }
}
