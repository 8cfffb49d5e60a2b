package dev.cairn.engine.journey.run.operaton;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.impl.variable.serializer.AbstractObjectValueSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a journey instance's maps and lists (the trigger event, the last event) as JSON text in the
 * engine's variable table: readable in the database, and no Java serialization.
 */
final class JsonVariables extends AbstractObjectValueSerializer {

  static final String FORMAT = "application/json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  JsonVariables() {
    super(FORMAT);
  }

  @Override
  public String getName() {
    return "cairn-json";
  }

  @Override
  protected boolean isSerializationTextBased() {
    return true;
  }

  @Override
  protected boolean canSerializeValue(Object value) {
    return value instanceof Map<?, ?> || value instanceof List<?>;
  }

  @Override
  protected String getTypeNameForDeserialized(Object value) {
    return value instanceof List<?> ? List.class.getName() : Map.class.getName();
  }

  @Override
  protected byte[] serializeToByteArray(Object value) {
    return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected Object deserializeFromByteArray(byte[] bytes, String objectTypeName) {
    Class<?> type = List.class.getName().equals(objectTypeName) ? List.class : Map.class;
    return JSON.readValue(new String(bytes, StandardCharsets.UTF_8), type);
  }
}
