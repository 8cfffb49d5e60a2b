package dev.cairn.engine.attribute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The declared attributes' types at one moment, and what they make of incoming traits. */
public record AttributeSchema(Map<String, AttributeType> types) {

  public AttributeSchema {
    types = Map.copyOf(types);
  }

  public static AttributeSchema none() {
    return new AttributeSchema(Map.of());
  }

  public Optional<AttributeType> typeOf(String attribute) {
    return Optional.ofNullable(types.get(attribute));
  }

  /** Traits with declared values converted, and the values refused. */
  public record Conformed(Map<String, Object> values, List<AttributeRefusal> refusals) {
    public Conformed {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      refusals = List.copyOf(refusals);
    }
  }

  /**
   * Converts the value of every declared attribute to its type; attributes no one declared pass as
   * they are.
   */
  public Conformed conform(Map<String, Object> traits) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<AttributeRefusal> refusals = new ArrayList<>();
    traits.forEach(
        (name, value) -> {
          AttributeType type = types.get(name);
          if (value == null) {
            return;
          }
          if (type == null) {
            values.put(name, value);
            return;
          }
          switch (type.convert(value)) {
            case AttributeType.Conversion.Converted converted ->
                values.put(name, converted.value());
            case AttributeType.Conversion.Refused refused ->
                refusals.add(refusal(name, type, refused));
          }
        });
    return new Conformed(values, refusals);
  }

  /** One value for one attribute, as a journey step sets it. */
  public AttributeType.Conversion convert(String attribute, Object value) {
    AttributeType type = types.get(attribute);
    if (type == null) {
      return new AttributeType.Conversion.Converted(value);
    }
    return switch (type.convert(value)) {
      case AttributeType.Conversion.Converted converted -> converted;
      case AttributeType.Conversion.Refused refused ->
          new AttributeType.Conversion.Refused(refusal(attribute, type, refused).message());
    };
  }

  private static AttributeRefusal refusal(
      String name, AttributeType type, AttributeType.Conversion.Refused refused) {
    return new AttributeRefusal(
        name, "\"" + name + "\" is declared as " + type.label() + ": " + refused.reason());
  }
}
