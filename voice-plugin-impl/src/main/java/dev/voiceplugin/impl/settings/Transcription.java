package dev.voiceplugin.impl.settings;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Input-audio transcription (shows the user's words in the transcript). Null in the settings means off.
 *
 * @param model e.g. {@code gpt-4o-mini-transcribe}, {@code gpt-4o-transcribe}, {@code whisper-1}
 * @param language ISO-639-1 code such as {@code en}, or null to detect
 * @param prompt optional guidance for the transcriber
 */
public record Transcription(
    @NotBlank @Size(max = 64) @Pattern(regexp = ModelNames.PATTERN, message = ModelNames.MESSAGE) String model,
    @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", message = "must be an ISO-639-1 code such as en") String language,
    @Size(max = 1024) String prompt) {}
