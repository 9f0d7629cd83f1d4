package dev.voiceplugin.impl.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.config.InvalidConfigurationException;
import dev.voiceplugin.impl.web.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Optional prices for cost estimates, from {@code VOICE_PRICE_TABLE}, per model: USD per million
 * tokens for the Realtime API, e.g. {@code {"gpt-realtime":{"inputText":4,"inputAudio":32,"inputCached":0.4,"outputText":16,"outputAudio":64}}},
 * and USD per second of session time for GPT-Live, e.g. {@code {"gpt-live-1.1":{"perSecond":0.000833,"standbyPerSecond":0.000333}}}
 * ({@code standbyPerSecond} defaults to {@code perSecond}). A model may have both. Without a table,
 * or for usage of a kind the model's entry does not price, no estimate is shown (never a guess).
 */
public final class PriceTable {
  /** USD per million tokens. Cached input tokens are a subset of input: they are priced instead of, not besides. */
  public record Prices(double inputText, double inputAudio, double inputCached, double outputText, double outputAudio) {}

  /** USD per second of session time; standby seconds are a subset of the session's, priced instead of, not besides. */
  public record SecondPrices(double perSecond, double standbyPerSecond) {}

  private static final List<String> TOKEN_FIELDS = List.of("inputText", "inputAudio", "inputCached", "outputText", "outputAudio");

  private final Map<String, Prices> byModel = new ConcurrentHashMap<>();
  private final Map<String, SecondPrices> secondsByModel = new ConcurrentHashMap<>();

  public static PriceTable parse(Optional<String> json) {
    PriceTable table = new PriceTable();
    if (json.isEmpty() || json.get().isBlank()) {
      return table;
    }
    try {
      JsonNode root = Json.mapper().readTree(json.get());
      if (root == null || !root.isObject()) {
        throw new InvalidConfigurationException("VOICE_PRICE_TABLE must be a JSON object of models");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        table.add(e.getKey(), e.getValue());
      }
      return table;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidConfigurationException("VOICE_PRICE_TABLE is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private void add(String model, JsonNode p) {
    boolean tokens = TOKEN_FIELDS.stream().anyMatch(p::has);
    boolean seconds = p.has("perSecond") || p.has("standbyPerSecond");
    if (!tokens && !seconds) {
      // As before GPT-Live: an entry without prices names the token prices it lacks.
      price(p, "inputText");
    }
    if (tokens) {
      byModel.put(model, new Prices(price(p, "inputText"), price(p, "inputAudio"), price(p, "inputCached"),
          price(p, "outputText"), price(p, "outputAudio")));
    }
    if (seconds) {
      double perSecond = price(p, "perSecond");
      secondsByModel.put(model, new SecondPrices(perSecond, p.has("standbyPerSecond") ? price(p, "standbyPerSecond") : perSecond));
    }
  }

  private static double price(JsonNode prices, String field) {
    JsonNode v = prices.path(field);
    if (!v.isNumber() || v.asDouble() < 0) {
      throw new InvalidConfigurationException("VOICE_PRICE_TABLE: every model needs a non-negative number " + field
          + (field.equals("inputText") ? " (token prices: inputText, inputAudio, inputCached, outputText, outputAudio; or "
              + "GPT-Live's perSecond)" : ""));
    }
    return v.asDouble();
  }

  /** The estimated cost in USD of token usage of {@code model}, or empty when the table does not price it. */
  public Optional<Double> estimate(String model, long inputText, long inputAudio, long inputCached, long outputText,
      long outputAudio) {
    return estimate(model, inputText, inputAudio, inputCached, outputText, outputAudio, 0, 0);
  }

  /**
   * The estimated cost in USD of token and session-time usage of {@code model}; empty when the model
   * is not in the table, or when it used tokens (or seconds) and its entry prices no tokens (or seconds).
   */
  public Optional<Double> estimate(String model, long inputText, long inputAudio, long inputCached, long outputText,
      long outputAudio, double sessionSeconds, double standbySeconds) {
    Prices p = byModel.get(model);
    SecondPrices s = secondsByModel.get(model);
    boolean usedTokens = inputText + inputAudio + outputText + outputAudio > 0;
    if ((p == null && s == null) || (usedTokens && p == null) || (sessionSeconds > 0 && s == null)) {
      return Optional.empty();
    }
    double cost = 0;
    if (p != null) {
      // Cached tokens are counted inside the text/audio input counts; price them at the cached rate instead.
      double uncachedIn = Math.max(0, inputText + inputAudio - inputCached);
      double textShare = inputText + inputAudio == 0 ? 0 : (double) inputText / (inputText + inputAudio);
      cost += (uncachedIn * textShare * p.inputText() + uncachedIn * (1 - textShare) * p.inputAudio()
          + inputCached * p.inputCached() + outputText * p.outputText() + outputAudio * p.outputAudio()) / 1_000_000;
    }
    if (s != null) {
      double standby = Math.min(standbySeconds, sessionSeconds);
      cost += (sessionSeconds - standby) * s.perSecond() + standby * s.standbyPerSecond();
    }
    return Optional.of(cost);
  }

  public boolean isEmpty() {
    return byModel.isEmpty() && secondsByModel.isEmpty();
  }
}
