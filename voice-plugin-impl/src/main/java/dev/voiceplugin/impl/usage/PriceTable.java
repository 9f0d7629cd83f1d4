package dev.voiceplugin.impl.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.config.InvalidConfigurationException;
import dev.voiceplugin.impl.web.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Optional prices for cost estimates, from {@code VOICE_PRICE_TABLE}: USD per million tokens per
 * model, e.g. {@code {"gpt-realtime":{"inputText":4,"inputAudio":32,"inputCached":0.4,"outputText":16,"outputAudio":64}}}.
 * Without a table, or for a model it does not list, no estimate is shown (never a guess).
 */
public final class PriceTable {
  /** USD per million tokens. Cached input tokens are a subset of input: they are priced instead of, not besides. */
  public record Prices(double inputText, double inputAudio, double inputCached, double outputText, double outputAudio) {}

  private final Map<String, Prices> byModel = new ConcurrentHashMap<>();

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
        JsonNode p = e.getValue();
        table.byModel.put(e.getKey(), new Prices(price(p, "inputText"), price(p, "inputAudio"), price(p, "inputCached"),
            price(p, "outputText"), price(p, "outputAudio")));
      }
      return table;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidConfigurationException("VOICE_PRICE_TABLE is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static double price(JsonNode prices, String field) {
    JsonNode v = prices.path(field);
    if (!v.isNumber() || v.asDouble() < 0) {
      throw new InvalidConfigurationException("VOICE_PRICE_TABLE: every model needs a non-negative number " + field);
    }
    return v.asDouble();
  }

  /** The estimated cost in USD of usage of {@code model}, or empty when the table does not price it. */
  public Optional<Double> estimate(String model, long inputText, long inputAudio, long inputCached, long outputText,
      long outputAudio) {
    Prices p = byModel.get(model);
    if (p == null) {
      return Optional.empty();
    }
    // Cached tokens are counted inside the text/audio input counts; price them at the cached rate instead.
    double uncachedIn = Math.max(0, inputText + inputAudio - inputCached);
    double textShare = inputText + inputAudio == 0 ? 0 : (double) inputText / (inputText + inputAudio);
    double cost = uncachedIn * textShare * p.inputText() + uncachedIn * (1 - textShare) * p.inputAudio()
        + inputCached * p.inputCached() + outputText * p.outputText() + outputAudio * p.outputAudio();
    return Optional.of(cost / 1_000_000);
  }

  public boolean isEmpty() {
    return byModel.isEmpty();
  }
}
