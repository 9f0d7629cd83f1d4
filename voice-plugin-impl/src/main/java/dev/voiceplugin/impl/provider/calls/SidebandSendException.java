package dev.voiceplugin.impl.provider.calls;

import dev.voiceplugin.impl.VoicePluginException;

/** A client event could not be written to a sideband: it is closed, or its send queue is full (answered with 503). */
public final class SidebandSendException extends VoicePluginException {
  private SidebandSendException(String code, String detail) {
    super(503, code, detail, "The call's server connection is gone or overloaded; end the call and start a new one.");
  }

  /** The sideband is closed (by us, by the provider, or broken); nothing more can be sent. */
  static SidebandSendException closed(String callId) {
    return new SidebandSendException("sideband_closed", "The sideband of call " + callId + " is closed.");
  }

  /** {@link SidebandOptions#maxQueuedEvents()} sends are already waiting: the provider is not reading. */
  static SidebandSendException backlogged(String callId, int queued) {
    return new SidebandSendException("sideband_backlogged",
        "The sideband of call " + callId + " already has " + queued + " events waiting to be written.");
  }
}
