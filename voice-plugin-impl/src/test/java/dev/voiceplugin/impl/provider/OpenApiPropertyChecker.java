package dev.voiceplugin.impl.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks JSON against the OpenAPI schemas of the copied spec excerpt: every property must be one
 * the schema names (object schemas are treated as closed, as the provider answers unknown fields
 * with 400 unknown_parameter), plus type, enum/const, required and numeric bounds, through
 * {@code $ref}, {@code anyOf}, {@code oneOf} and {@code items}. A null is accepted only where a
 * JSON Schema validator would accept it: {@code nullable: true}, or a {@code "null"} type or
 * alternative. Neither {@code default: null} nor a description saying a field "can be set to
 * `null`" makes null valid: the published schema of transcription and noise_reduction says so in
 * prose, yet types them as objects, and a validator answers null with "must be object".
 */
public final class OpenApiPropertyChecker {
  private final Map<String, JsonNode> schemas;
  private final Map<String, JsonNode> fallback;

  private OpenApiPropertyChecker(JsonNode schemas, JsonNode fallback) {
    this.schemas = asMap(schemas);
    this.fallback = asMap(fallback);
  }

  /** The spec documents in file order; document 1 is the primary (newest) one. */
  public static List<JsonNode> loadDocuments(String resource) {
    try (InputStream in = OpenApiPropertyChecker.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      List<JsonNode> documents = new ArrayList<>();
      try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(in)) {
        while (it.hasNext()) {
          JsonNode document = it.next();
          if (document != null && document.path("components").path("schemas").isObject()) {
            documents.add(document);
          }
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks against {@code document}; $refs it lacks are looked up in {@code primary}. */
  public static OpenApiPropertyChecker of(JsonNode document, JsonNode primary) {
    return new OpenApiPropertyChecker(document.path("components").path("schemas"),
        primary.path("components").path("schemas"));
  }

  public List<String> violations(JsonNode instance, String schemaName) {
    List<String> errors = new ArrayList<>();
    check(instance, named(schemaName), "$", errors);
    return errors;
  }

  private void check(JsonNode value, JsonNode schema, String path, List<String> errors) {
    if (value.isNull()) {
      if (!allowsNull(schema)) {
        errors.add(path + ": null is not allowed");
      }
      return;
    }
    if (schema.has("$ref")) {
      check(value, named(schema.get("$ref").asText().replaceFirst(".*/", "")), path, errors);
      return;
    }
    if (schema.has("anyOf") || schema.has("oneOf")) {
      boolean oneOf = schema.has("oneOf");
      List<String> alternativeErrors = new ArrayList<>();
      int matches = 0;
      for (JsonNode alternative : schema.get(oneOf ? "oneOf" : "anyOf")) {
        List<String> own = new ArrayList<>();
        check(value, alternative, path, own);
        matches += own.isEmpty() ? 1 : 0;
        alternativeErrors.addAll(own);
      }
      if (matches == 0 || (oneOf && matches > 1)) {
        errors.add(path + ": " + matches + " alternatives of " + (oneOf ? "oneOf" : "anyOf") + " match " + alternativeErrors);
      }
    }
    checkType(value, schema, path, errors);
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
    }
    if (schema.has("const") && !schema.get("const").equals(value)) {
      errors.add(path + ": " + value + " is not " + schema.get("const"));
    }
    if (value.isNumber()) {
      if (schema.has("minimum") && value.doubleValue() < schema.get("minimum").doubleValue()) {
        errors.add(path + ": " + value + " is below " + schema.get("minimum"));
      }
      if (schema.has("maximum") && value.doubleValue() > schema.get("maximum").doubleValue()) {
        errors.add(path + ": " + value + " is above " + schema.get("maximum"));
      }
    }
    if (value.isObject()) {
      checkProperties(value, schema, path, errors);
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), path + "[" + i + "]", errors);
      }
    }
  }

  private void checkProperties(JsonNode value, JsonNode schema, String path, List<String> errors) {
    JsonNode properties = schema.path("properties");
    boolean closed = properties.isObject() || schema.path("additionalProperties").asBoolean(true) == false;
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (properties.has(field.getKey())) {
        check(field.getValue(), properties.get(field.getKey()), path + "." + field.getKey(), errors);
      } else if (closed) {
        errors.add(path + ": unknown property '" + field.getKey() + "'");
      }
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        errors.add(path + ": missing required '" + required.asText() + "'");
      }
    }
  }

  private static void checkType(JsonNode value, JsonNode schema, String path, List<String> errors) {
    if (!schema.has("type")) {
      return;
    }
    String type = schema.get("type").asText();
    boolean ok = switch (type) {
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "array" -> value.isArray();
      case "object" -> value.isObject();
      case "null" -> value.isNull();
      default -> throw new IllegalStateException("unknown schema type " + type);
    };
    if (!ok) {
      errors.add(path + ": " + value + " is not of type " + type);
    }
  }

  private boolean allowsNull(JsonNode schema) {
    if (schema.path("nullable").asBoolean(false) || "null".equals(schema.path("type").asText())) {
      return true;
    }
    for (String combinator : List.of("anyOf", "oneOf")) {
      for (JsonNode alternative : schema.path(combinator)) {
        if (allowsNull(alternative)) {
          return true;
        }
      }
    }
    return schema.has("$ref") && allowsNull(named(schema.get("$ref").asText().replaceFirst(".*/", "")));
  }

  private JsonNode named(String name) {
    JsonNode schema = schemas.containsKey(name) ? schemas.get(name) : fallback.get(name);
    if (schema == null) {
      throw new IllegalArgumentException("no schema named " + name);
    }
    return schema;
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode candidate : values) {
      if (candidate.equals(value) || (candidate.isNumber() && value.isNumber()
          && candidate.decimalValue().compareTo(value.decimalValue()) == 0)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, JsonNode> asMap(JsonNode schemas) {
    Map<String, JsonNode> map = new java.util.HashMap<>();
    schemas.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
    return map;
  }
}
