package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;

/**
 * How one tenant's voice assistant behaves: the editable part of the settings, exactly as the REST
 * API accepts it and as it is stored (jsonb). Names and ranges follow the GA Realtime API; the
 * GPT-Live providers use the shared fields with their own rules and {@code live} for their own
 * (see {@link ProviderRules}). The fields GPT-Live lacks are marked "Realtime only": required for
 * openai and azure, and refused (not dropped) for openai-live and azure-live, whose API rejects
 * unknown fields.
 *
 * @param provider openai, azure (Realtime API), openai-live or azure-live (GPT-Live)
 * @param azure endpoint and authentication; required for azure and azure-live, must be null otherwise
 * @param model OpenAI model (e.g. gpt-realtime, gpt-live-1.1) or, for Azure, the deployment name
 * @param voice a built-in voice name of the provider's API or a custom voice id ({@code voice_...})
 * @param outputModalities Realtime only: exactly one of audio or text
 * @param instructions the system prompt (length limit from {@code VOICE_INSTRUCTIONS_MAX_CHARS}, for
 *     GPT-Live from {@code VOICE_LIVE_INSTRUCTIONS_MAX_CHARS})
 * @param turnDetection Realtime only: none, server_vad or semantic_vad
 * @param transcription Realtime only: input transcription, or null for off
 * @param noiseReduction Realtime only: off, near_field or far_field
 * @param speed Realtime only: speech speed 0.25..1.5
 * @param maxOutputTokens Realtime only: 1..4096 or "inf"
 * @param clientSecretTtlSeconds Realtime only: lifetime of a minted client secret, 10..7200 s
 * @param iceServers STUN/TURN servers for the widget
 * @param connectionMode server (the plugin creates each call and watches it) or browser (a client secret)
 * @param maxCallMinutes longest call in server mode, 1..60 (the provider ends sessions at 60)
 * @param maxConcurrentCalls most calls of the tenant at once, across instances, 1..1000
 * @param monthlyTokenBudget most tokens the tenant's calls may use per calendar month (UTC), or null for no cap
 * @param relay whether the widget may use the plugin's WebSocket relay when WebRTC cannot connect
 * @param live GPT-Live only: delegation and the browser's data-channel allow-list; defaults when null
 * @param pushToTalk Realtime only in effect: off, offered or on (GPT-Live accepts only off); off when absent
 * @param transcripts whether the calls' transcripts are stored and for how long; off (30 days) when absent
 */
public record RealtimeSettings(
    @NotNull Provider provider,
    @Valid AzureSettings azure,
    @NotBlank @Size(max = 128) @Pattern(regexp = ModelNames.PATTERN, message = ModelNames.MESSAGE) String model,
    @NotBlank @Size(max = 128) String voice,
    // Realtime only: presence per provider is checked by ProviderRules, not by @NotNull.
    @Size(min = 1, max = 1, message = "must name exactly one of audio or text") List<@NotNull OutputModality> outputModalities,
    @NotNull String instructions,
    @Valid TurnDetection turnDetection,
    @Valid Transcription transcription,
    NoiseReduction noiseReduction,
    @DecimalMin("0.25") @DecimalMax("1.5") Double speed,
    MaxOutputTokens maxOutputTokens,
    @Min(10) @Max(7200) Integer clientSecretTtlSeconds,
    @NotNull @Size(max = 10) List<@NotNull @Valid IceServer> iceServers,
    @NotNull ConnectionMode connectionMode,
    @NotNull @Min(1) @Max(60) Integer maxCallMinutes,
    @NotNull @Min(1) @Max(1000) Integer maxConcurrentCalls,
    @Min(1000) Long monthlyTokenBudget,
    @NotNull RelayMode relay,
    @Valid LiveSettings live,
    @NotNull PushToTalk pushToTalk,
    @NotNull @Valid TranscriptSettings transcripts) {

  public static final int DEFAULT_MAX_CALL_MINUTES = 30;
  public static final int DEFAULT_MAX_CONCURRENT_CALLS = 10;

  /** The GA API's built-in voices. Anything else must be a custom voice id. */
  public static final Set<String> BUILT_IN_VOICES =
      Set.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar");

  /** GPT-Live's built-in voices (its own list; default marin). Anything else must be a custom voice id. */
  public static final Set<String> LIVE_VOICES = Set.of("alloy", "ash", "ballad", "beacon", "bossa", "cedar", "cinder", "coral",
      "delta", "echo", "gleam", "marin", "meridian", "quartz", "ripple", "sage", "shimmer", "stone", "tempo", "verse", "vesper",
      "willow");

  public RealtimeSettings {
    outputModalities = outputModalities == null ? null : List.copyOf(outputModalities);
    iceServers = iceServers == null ? null : List.copyOf(iceServers);
    // Settings saved before calls existed have none of these: they get the defaults.
    connectionMode = connectionMode == null ? ConnectionMode.SERVER : connectionMode;
    maxCallMinutes = maxCallMinutes == null ? DEFAULT_MAX_CALL_MINUTES : maxCallMinutes;
    maxConcurrentCalls = maxConcurrentCalls == null ? DEFAULT_MAX_CONCURRENT_CALLS : maxConcurrentCalls;
    relay = relay == null ? RelayMode.OFFER : relay;
    // A tenant that switches to GPT-Live without choosing its options gets them at their defaults.
    live = live == null && provider != null && provider.live() ? LiveSettings.DEFAULTS : live;
    // Settings saved before push-to-talk and transcript storage (#13): neither is on.
    pushToTalk = pushToTalk == null ? PushToTalk.OFF : pushToTalk;
    transcripts = transcripts == null ? TranscriptSettings.DEFAULTS : transcripts;
  }

  /** Settings saved before push-to-talk and transcript storage existed: both off. */
  public RealtimeSettings(Provider provider, AzureSettings azure, String model, String voice,
      List<OutputModality> outputModalities, String instructions, TurnDetection turnDetection, Transcription transcription,
      NoiseReduction noiseReduction, Double speed, MaxOutputTokens maxOutputTokens, Integer clientSecretTtlSeconds,
      List<IceServer> iceServers, ConnectionMode connectionMode, Integer maxCallMinutes, Integer maxConcurrentCalls,
      Long monthlyTokenBudget, RelayMode relay, LiveSettings live) {
    this(provider, azure, model, voice, outputModalities, instructions, turnDetection, transcription, noiseReduction, speed,
        maxOutputTokens, clientSecretTtlSeconds, iceServers, connectionMode, maxCallMinutes, maxConcurrentCalls,
        monthlyTokenBudget, relay, live, null, null);
  }

  /** Settings saved before the relay and GPT-Live existed: the relay offered, {@code live} at its defaults where it applies. */
  public RealtimeSettings(Provider provider, AzureSettings azure, String model, String voice,
      List<OutputModality> outputModalities, String instructions, TurnDetection turnDetection, Transcription transcription,
      NoiseReduction noiseReduction, Double speed, MaxOutputTokens maxOutputTokens, Integer clientSecretTtlSeconds,
      List<IceServer> iceServers, ConnectionMode connectionMode, Integer maxCallMinutes, Integer maxConcurrentCalls,
      Long monthlyTokenBudget) {
    this(provider, azure, model, voice, outputModalities, instructions, turnDetection, transcription, noiseReduction, speed,
        maxOutputTokens, clientSecretTtlSeconds, iceServers, connectionMode, maxCallMinutes, maxConcurrentCalls,
        monthlyTokenBudget, null, null);
  }

  /**
   * GPT-Live settings: the Realtime-only fields are null, calls connect through the server.
   *
   * @param provider openai-live or azure-live
   */
  public static RealtimeSettings live(Provider provider, AzureSettings azure, String model, String voice, String instructions,
      LiveSettings live, List<IceServer> iceServers) {
    return new RealtimeSettings(provider, azure, model, voice, null, instructions, null, null, null, null, null, null,
        iceServers, ConnectionMode.SERVER, null, null, null, RelayMode.OFF, live);
  }

  /** The settings of a session, with the call settings at their defaults. */
  public RealtimeSettings(Provider provider, AzureSettings azure, String model, String voice,
      List<OutputModality> outputModalities, String instructions, TurnDetection turnDetection, Transcription transcription,
      NoiseReduction noiseReduction, Double speed, MaxOutputTokens maxOutputTokens, Integer clientSecretTtlSeconds,
      List<IceServer> iceServers) {
    this(provider, azure, model, voice, outputModalities, instructions, turnDetection, transcription, noiseReduction, speed,
        maxOutputTokens, clientSecretTtlSeconds, iceServers, null, null, null, null, null, null);
  }

  /** These settings with other call settings (the session part unchanged). */
  public RealtimeSettings withCalls(ConnectionMode mode, int maxMinutes, int maxConcurrent, Long monthlyBudget) {
    return new RealtimeSettings(provider, azure, model, voice, outputModalities, instructions, turnDetection, transcription,
        noiseReduction, speed, maxOutputTokens, clientSecretTtlSeconds, iceServers, mode, maxMinutes, maxConcurrent,
        monthlyBudget, relay, live, pushToTalk, transcripts);
  }

  /** These settings with another relay mode. */
  public RealtimeSettings withRelay(RelayMode mode) {
    return new RealtimeSettings(provider, azure, model, voice, outputModalities, instructions, turnDetection, transcription,
        noiseReduction, speed, maxOutputTokens, clientSecretTtlSeconds, iceServers, connectionMode, maxCallMinutes,
        maxConcurrentCalls, monthlyTokenBudget, mode, live, pushToTalk, transcripts);
  }

  /** These settings with another push-to-talk mode. */
  public RealtimeSettings withPushToTalk(PushToTalk mode) {
    return new RealtimeSettings(provider, azure, model, voice, outputModalities, instructions, turnDetection, transcription,
        noiseReduction, speed, maxOutputTokens, clientSecretTtlSeconds, iceServers, connectionMode, maxCallMinutes,
        maxConcurrentCalls, monthlyTokenBudget, relay, live, mode, transcripts);
  }

  /** These settings with other transcript storage. */
  public RealtimeSettings withTranscripts(TranscriptSettings storage) {
    return new RealtimeSettings(provider, azure, model, voice, outputModalities, instructions, turnDetection, transcription,
        noiseReduction, speed, maxOutputTokens, clientSecretTtlSeconds, iceServers, connectionMode, maxCallMinutes,
        maxConcurrentCalls, monthlyTokenBudget, relay, live, pushToTalk, storage);
  }

  @AssertTrue(message = "azure settings (endpoint, auth) are required for providers azure and azure-live and not allowed for "
      + "openai and openai-live")
  boolean isAzureConsistent() {
    return provider == null || provider.onAzure() == (azure != null);
  }

  /** GPT-Live's voices are checked against its own list by {@link ProviderRules}. */
  @AssertTrue(message = "must be one of alloy, ash, ballad, coral, echo, sage, shimmer, verse, marin, cedar, or a custom voice id starting with voice_")
  boolean isVoiceKnown() {
    return voice == null || (provider != null && provider.live()) || BUILT_IN_VOICES.contains(voice)
        || voice.matches("voice_[A-Za-z0-9_-]{1,100}");
  }

  /** True when {@link #voice()} is a custom voice id, sent upstream as {@code {"id": ...}}. */
  public boolean customVoice() {
    return !(provider != null && provider.live() ? LIVE_VOICES : BUILT_IN_VOICES).contains(voice);
  }

  /** audio (speech plus its transcript) or text only. */
  public enum OutputModality {
    AUDIO("audio"),
    TEXT("text");

    private final String wire;

    OutputModality(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    @JsonCreator
    public static OutputModality fromWire(String value) {
      for (OutputModality m : values()) {
        if (m.wire.equals(value)) {
          return m;
        }
      }
      throw new IllegalArgumentException("must be audio or text");
    }
  }

  /** Who connects to the provider: the plugin (server-created calls, the default) or the browser. */
  public enum ConnectionMode {
    SERVER("server"),
    BROWSER("browser");

    private final String wire;

    ConnectionMode(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    @JsonCreator
    public static ConnectionMode fromWire(String value) {
      for (ConnectionMode m : values()) {
        if (m.wire.equals(value)) {
          return m;
        }
      }
      throw new IllegalArgumentException("must be server or browser");
    }
  }

  /** Input noise reduction. */
  public enum NoiseReduction {
    OFF("off"),
    NEAR_FIELD("near_field"),
    FAR_FIELD("far_field");

    private final String wire;

    NoiseReduction(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    @JsonCreator
    public static NoiseReduction fromWire(String value) {
      for (NoiseReduction n : values()) {
        if (n.wire.equals(value)) {
          return n;
        }
      }
      throw new IllegalArgumentException("must be off, near_field or far_field");
    }
  }
}
