package dev.voiceplugin.impl.provider;

import dev.voiceplugin.impl.VoicePluginException;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A failed call to a realtime provider (OpenAI, Azure OpenAI) or to Microsoft Entra ID. The
 * {@link #code()} doubles as the audit {@link #outcome()}; the detail never holds a key, a client
 * secret or the raw upstream body.
 */
public abstract class ProviderException extends VoicePluginException {
  private final OptionalInt upstreamStatus;

  protected ProviderException(int status, String code, String detail, String hint, OptionalInt upstreamStatus,
      Map<String, Object> extensions, Throwable cause) {
    super(status, code, detail, hint, extensions, cause);
    this.upstreamStatus = upstreamStatus;
  }

  protected ProviderException(int status, String code, String detail, String hint, OptionalInt upstreamStatus) {
    this(status, code, detail, hint, upstreamStatus, Map.of(), null);
  }

  /** What to record in the audit log for this attempt; the same as {@link #code()}. */
  public String outcome() {
    return code();
  }

  /** The provider's HTTP status, when it answered at all. */
  public OptionalInt upstreamStatus() {
    return upstreamStatus;
  }
}
