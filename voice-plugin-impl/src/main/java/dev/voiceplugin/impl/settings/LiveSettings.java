package dev.voiceplugin.impl.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;

/**
 * The settings only GPT-Live has (providers {@code openai-live} and {@code azure-live}); must be
 * null for the Realtime providers. Rules that depend on the provider are in {@link ProviderRules}.
 *
 * @param delegation who handles the tasks the voice model hands off: nobody ({@code off}) or a
 *     Responses model that the provider runs for the session
 * @param browserEvents the client events the browser may send on its data channel (GPT-Live's
 *     {@code client.data_channel.allowed_client_events}); only {@link #MUTE} and {@link #UNMUTE}
 *     may be listed, so the browser can never reconfigure, steer or close the session
 */
public record LiveSettings(@NotNull @Valid LiveDelegation delegation, @NotNull @Size(max = 2) List<@NotNull String> browserEvents) {
  public static final String MUTE = "session.input_audio.mute";
  public static final String UNMUTE = "session.input_audio.unmute";
  /** What the browser may be allowed to send at all. */
  public static final Set<String> BROWSER_EVENTS_ALLOWED = Set.of(MUTE, UNMUTE);
  /** No delegation; the browser may mute and unmute. */
  public static final LiveSettings DEFAULTS = new LiveSettings(LiveDelegation.OFF, List.of(MUTE, UNMUTE));

  public LiveSettings {
    browserEvents = browserEvents == null ? null : List.copyOf(browserEvents);
  }
}
