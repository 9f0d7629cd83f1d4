package dev.voiceplugin.impl.calls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** Meters of server-controlled calls; labels never carry tenant or user ids. */
public final class CallMetrics {
  private final MeterRegistry registry;
  private final Counter tokens;
  private final Counter reattached;
  private final Counter reasserted;

  public CallMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.tokens = Counter.builder("voice_call_tokens").description("Tokens used by server-controlled calls").register(registry);
    this.reattached = Counter.builder("voice_sideband_reattached").description("Sidebands taken over from an instance that stopped")
        .register(registry);
    this.reasserted = Counter.builder("voice_session_reasserted").description("Tenant sessions put back after a browser changed them")
        .register(registry);
  }

  public void watchActive(Supplier<Number> active) {
    Gauge.builder("voice_calls_active", active).description("Calls whose sideband this instance holds").register(registry);
  }

  public void created() {
    Counter.builder("voice_calls_created").description("Calls created at the provider").register(registry).increment();
  }

  public void refused(String reason) {
    Counter.builder("voice_calls_refused").description("Calls refused, by reason").tag("reason", reason).register(registry).increment();
  }

  public void ended(EndReason reason) {
    Counter.builder("voice_calls_ended").description("Calls ended, by reason").tag("reason", reason.wire()).register(registry).increment();
  }

  public void tokens(long n) {
    tokens.increment(n);
  }

  public void reattached() {
    reattached.increment();
  }

  public void reasserted() {
    reasserted.increment();
  }
}
