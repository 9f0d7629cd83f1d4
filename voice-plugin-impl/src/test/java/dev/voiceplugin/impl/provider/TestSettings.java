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
final class TestSettings {
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

  static TestSettings openAi() {
    return new TestSettings();
  }

  static TestSettings azure(String endpoint, AzureAuth auth, String deployment) {
    TestSettings settings = new TestSettings();
    settings.provider = Provider.AZURE;
    settings.azure = new AzureSettings(endpoint, auth);
    settings.model = deployment;
    return settings;
  }

  TestSettings model(String value) {
    model = value;
    return this;
  }

  TestSettings voice(String value) {
    voice = value;
    return this;
  }

  TestSettings textOnly() {
    modality = OutputModality.TEXT;
    return this;
  }

  TestSettings instructions(String value) {
    instructions = value;
    return this;
  }

  TestSettings turnDetection(TurnDetection value) {
    turnDetection = value;
    return this;
  }

  TestSettings transcription(String model, String language, String prompt) {
    transcription = new Transcription(model, language, prompt);
    return this;
  }

  TestSettings noiseReduction(NoiseReduction value) {
    noiseReduction = value;
    return this;
  }

  TestSettings speed(double value) {
    speed = value;
    return this;
  }

  TestSettings maxOutputTokens(int value) {
    maxOutputTokens = MaxOutputTokens.of(value);
    return this;
  }

  TestSettings ttlSeconds(int value) {
    ttlSeconds = value;
    return this;
  }

  RealtimeSettings build() {
    return new RealtimeSettings(provider, azure, model, voice, List.of(modality), instructions, turnDetection,
        transcription, noiseReduction, speed, maxOutputTokens, ttlSeconds, List.of());
  }

  static TurnDetection serverVadWithIdleTimeout(int idleTimeoutMs) {
    return new TurnDetection(TurnDetection.Type.SERVER_VAD, 0.6, 200, 700, idleTimeoutMs, null, true, false);
  }

  static TurnDetection semanticVad(TurnDetection.Eagerness eagerness) {
    return new TurnDetection(TurnDetection.Type.SEMANTIC_VAD, null, null, null, null, eagerness, false, true);
  }
}
