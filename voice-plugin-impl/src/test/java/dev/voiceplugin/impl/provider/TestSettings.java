package dev.voiceplugin.impl.provider;

import dev.voiceplugin.impl.settings.AzureSettings;
import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.settings.MaxOutputTokens;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.RealtimeSettings.NoiseReduction;
import dev.voiceplugin.impl.settings.RealtimeSettings.OutputModality;
import dev.voiceplugin.impl.settings.Transcription;
import dev.voiceplugin.impl.settings.TurnDetection;
import java.util.List;

/** Realtime settings for tests: sensible defaults, one fluent change per varied option. */
public final class TestSettings {
  private Provider provider = Provider.OPENAI;
  private AzureSettings azure;
  private String model = "gpt-realtime";
  private String voice = "marin";
  private OutputModality modality = OutputModality.AUDIO;
  private String instructions = "You help administrators of the Acme shop.";
  private TurnDetection turnDetection = TurnDetection.serverVad();
  private Transcription transcription;
  private NoiseReduction noiseReduction = NoiseReduction.OFF;
  private double speed = 1.0;
  private MaxOutputTokens maxOutputTokens = MaxOutputTokens.INFINITE;
  private int ttlSeconds = 600;

  public static TestSettings openAi() {
    return new TestSettings();
  }

  public static TestSettings azure(String endpoint, AzureAuth auth, String deployment) {
    TestSettings settings = new TestSettings();
    settings.provider = Provider.AZURE;
    settings.azure = new AzureSettings(endpoint, auth);
    settings.model = deployment;
    return settings;
  }

  public TestSettings model(String value) {
    model = value;
    return this;
  }

  public TestSettings voice(String value) {
    voice = value;
    return this;
  }

  public TestSettings textOnly() {
    modality = OutputModality.TEXT;
    return this;
  }

  public TestSettings instructions(String value) {
    instructions = value;
    return this;
  }

  public TestSettings turnDetection(TurnDetection value) {
    turnDetection = value;
    return this;
  }

  public TestSettings transcription(String model, String language, String prompt) {
    transcription = new Transcription(model, language, prompt);
    return this;
  }

  public TestSettings noiseReduction(NoiseReduction value) {
    noiseReduction = value;
    return this;
  }

  public TestSettings speed(double value) {
    speed = value;
    return this;
  }

  public TestSettings maxOutputTokens(int value) {
    maxOutputTokens = MaxOutputTokens.of(value);
    return this;
  }

  public TestSettings ttlSeconds(int value) {
    ttlSeconds = value;
    return this;
  }

  public RealtimeSettings build() {
    return new RealtimeSettings(provider, azure, model, voice, List.of(modality), instructions, turnDetection,
        transcription, noiseReduction, speed, maxOutputTokens, ttlSeconds, List.of());
  }

  public static TurnDetection serverVadWithIdleTimeout(int idleTimeoutMs) {
    return new TurnDetection(TurnDetection.Type.SERVER_VAD, 0.6, 200, 700, idleTimeoutMs, null, true, false);
  }

  public static TurnDetection semanticVad(TurnDetection.Eagerness eagerness) {
    return new TurnDetection(TurnDetection.Type.SEMANTIC_VAD, null, null, null, null, eagerness, false, true);
  }
}
