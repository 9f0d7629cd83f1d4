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
 * API accepts it and as it is stored (jsonb). Names and ranges follow the GA Realtime API.
 *
 * @param provider openai or azure
 * @param azure endpoint and authentication; required for azure, must be null for openai
 * @param model OpenAI model (e.g. gpt-realtime) or, for Azure, the deployment name
 * @param voice a built-in voice name or a custom voice id ({@code voice_...})
 * @param outputModalities exactly one of audio or text
 * @param instructions the system prompt (length limit from {@code VOICE_INSTRUCTIONS_MAX_CHARS})
 * @param turnDetection none, server_vad or semantic_vad
 * @param transcription input transcription, or null for off
 * @param noiseReduction off, near_field or far_field
 * @param speed speech speed 0.25..1.5
 * @param maxOutputTokens 1..4096 or "inf"
 * @param clientSecretTtlSeconds lifetime of a minted client secret, 10..7200 s
 * @param iceServers STUN/TURN servers for the widget
 * @param connectionMode server (the plugin creates each call and watches it) or browser (a client secret)
 * @param maxCallMinutes longest call in server mode, 1..60 (the provider ends sessions at 60)
 * @param maxConcurrentCalls most calls of the tenant at once, across instances, 1..1000
 * @param monthlyTokenBudget most tokens the tenant's calls may use per calendar month (UTC), or null for no cap
 * @param relay whether the widget may use the plugin's WebSocket relay when WebRTC cannot connect
 */
public record RealtimeSettings(
    @NotNull Provider provider,
    @Valid AzureSettings azure,
    @NotBlank @Size(max = 128) @Pattern(regexp = ModelNames.PATTERN, message = ModelNames.MESSAGE) String model,
    @NotBlank @Size(max = 128) String voice,
    @NotNull @Size(min = 1, max = 1, message = "must name exactly one of audio or text") List<@NotNull OutputModality> outputModalities,
    @NotNull String instructions,
    @NotNull @Valid TurnDetection turnDetection,
    @Valid Transcription transcription,
    @NotNull NoiseReduction noiseReduction,
    @NotNull @DecimalMin("0.25") @DecimalMax("1.5") Double speed,
    @NotNull MaxOutputTokens maxOutputTokens,
    @NotNull @Min(10) @Max(7200) Integer clientSecretTtlSeconds,
    @NotNull @Size(max = 10) List<@NotNull @Valid IceServer> iceServers,
    @NotNull ConnectionMode connectionMode,
    @NotNull @Min(1) @Max(60) Integer maxCallMinutes,
    @NotNull @Min(1) @Max(1000) Integer maxConcurrentCalls,
    @Min(1000) Long monthlyTokenBudget,
    @NotNull RelayMode relay) {

  public static final int DEFAULT_MAX_CALL_MINUTES = 30;
  public static final int DEFAULT_MAX_CONCURRENT_CALLS = 10;

  /** The GA API's built-in voices. Anything else must be a custom voice id. */
  public static final Set<String> BUILT_IN_VOICES =
      Set.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar");

  public RealtimeSettings {
    outputModalities = outputModalities == null ? null : List.copyOf(outputModalities);
    iceServers = iceServers == null ? null : List.copyOf(iceServers);
    // Settings saved before calls existed have none of these: they get the defaults.
    connectionMode = connectionMode == null ? ConnectionMode.SERVER : connectionMode;
    maxCallMinutes = maxCallMinutes == null ? DEFAULT_MAX_CALL_MINUTES : maxCallMinutes;
    maxConcurrentCalls = maxConcurrentCalls == null ? DEFAULT_MAX_CONCURRENT_CALLS : maxConcurrentCalls;
    relay = relay == null ? RelayMode.OFFER : relay;
  }

  /** Settings saved before the relay existed: the relay is offered (the default). */
  public RealtimeSettings(Provider provider, AzureSettings azure, String model, String voice,
      List<OutputModality> outputModalities, String instructions, TurnDetection turnDetection, Transcription transcription,
      NoiseReduction noiseReduction, Double speed, MaxOutputTokens maxOutputTokens, Integer clientSecretTtlSeconds,
      List<IceServer> iceServers, ConnectionMode connectionMode, Integer maxCallMinutes, Integer maxConcurrentCalls,
      Long monthlyTokenBudget) {
    this(provider, azure, model, voice, outputModalities, instructions, turnDetection, transcription, noiseReduction, speed,
        maxOutputTokens, clientSecretTtlSeconds, iceServers, connectionMode, maxCallMinutes, maxConcurrentCalls,
        monthlyTokenBudget, null);
  }

  /** The settings of a session, with the call settings at their defaults. */
  public RealtimeSettings(Provider provider, AzureSettings azure, String model, String voice,
      List<OutputModality> outputModalities, String instructions, TurnDetection turnDetection, Transcription transcription,
      NoiseReduction noiseReduction, Double speed, MaxOutputTokens maxOutputTokens, Integer clientSecretTtlSeconds,
      List<IceServer> iceServers) {
    this(provider, azure, model, voice, outputModalities, instructions, turnDetection, transcription, noiseReduction, speed,
        maxOutputTokens, clientSecretTtlSeconds, iceServers, null, null, null, null, null);
  }

  /** These settings with other call settings (the session part unchanged). */
  public RealtimeSettings withCalls(ConnectionMode mode, int maxMinutes, int maxConcurrent, Long monthlyBudget) {
    return new RealtimeSettings(provider, azure, model, voice, outputModalities, instructions, turnDetection, transcription,
        noiseReduction, speed, maxOutputTokens, clientSecretTtlSeconds, iceServers, mode, maxMinutes, maxConcurrent,
        monthlyBudget, relay);
  }

  /** These settings with another relay mode. */
  public RealtimeSettings withRelay(RelayMode mode) {
    return new RealtimeSettings(provider, azure, model, voice, outputModalities, instructions, turnDetection, transcription,
        noiseReduction, speed, maxOutputTokens, clientSecretTtlSeconds, iceServers, connectionMode, maxCallMinutes,
        maxConcurrentCalls, monthlyTokenBudget, mode);
  }

  @AssertTrue(message = "azure settings (endpoint, auth) are required for provider azure and not allowed for openai")
  boolean isAzureConsistent() {
    return provider == null || (provider == Provider.AZURE) == (azure != null);
  }

  @AssertTrue(message = "must be one of alloy, ash, ballad, coral, echo, sage, shimmer, verse, marin, cedar, or a custom voice id starting with voice_")
  boolean isVoiceKnown() {
    return voice == null || BUILT_IN_VOICES.contains(voice) || voice.matches("voice_[A-Za-z0-9_-]{1,100}");
  }

  /** True when {@link #voice()} is a custom voice id, sent upstream as {@code {"id": ...}}. */
  public boolean customVoice() {
    return !BUILT_IN_VOICES.contains(voice);
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
