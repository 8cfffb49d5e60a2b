package dev.cairn.journeys.elementtemplates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One shipped element template as the Modeler applies it: the elements it is offered for, the
 * element it turns them into, and what each of its fields writes into the diagram.
 */
record ElementTemplate(
    String id,
    String name,
    List<String> appliesTo,
    @Nullable String elementType,
    @Nullable String eventDefinition,
    List<Field> fields) {

  /**
   * All templates are in one array file, so installing them is one file to copy (or download) and
   * the palette cannot be half-installed.
   */
  static final String LOCATION = "cairn/element-templates/cairn.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One field of a template and its binding.
   *
   * @param binding the binding type, e.g. {@code zeebe:taskHeader}
   * @param name what the binding writes to: a header key, a {@code zeebe:property} name, a task
   *     definition property ({@code type}, {@code retries}), a message or timer property
   * @param value the value the Modeler writes when the template is applied
   * @param required the Modeler refuses an empty value (a dropdown is never empty)
   */
  record Field(
      String binding,
      String name,
      String type,
      @Nullable String value,
      boolean required,
      boolean optional,
      List<String> choices,
      @Nullable Pattern pattern) {

    boolean accepts(String candidate) {
      return pattern == null || pattern.matcher(candidate).matches();
    }
  }

  static JsonNode shippedJson() {
    try (InputStream in = ElementTemplate.class.getClassLoader().getResourceAsStream(LOCATION)) {
      if (in == null) {
        throw new IllegalStateException(LOCATION + " is not on the classpath");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ElementTemplate> shipped() {
    return StreamSupport.stream(shippedJson().spliterator(), false)
        .map(ElementTemplate::of)
        .toList();
  }

  static ElementTemplate shipped(String id) {
    return shipped().stream()
        .filter(template -> template.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no template " + id));
  }

  /** The job type of a step template, from its hidden task definition. */
  Optional<String> jobType() {
    return fields.stream()
        .filter(
            field -> field.binding().equals("zeebe:taskDefinition") && field.name().equals("type"))
        .map(Field::value)
        .findFirst();
  }

  List<Field> fields(String binding) {
    return fields.stream().filter(field -> field.binding().equals(binding)).toList();
  }

  Field field(String binding, String name) {
    return fields(binding).stream()
        .filter(field -> field.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " has no " + binding + " " + name));
  }

  private static ElementTemplate of(JsonNode node) {
    List<String> appliesTo = new ArrayList<>();
    node.path("appliesTo").forEach(type -> appliesTo.add(type.asString()));
    List<Field> fields = new ArrayList<>();
    node.path("properties").forEach(property -> fields.add(field(property)));
    JsonNode elementType = node.path("elementType");
    return new ElementTemplate(
        node.path("id").asString(),
        node.path("name").asString(),
        appliesTo,
        text(elementType.path("value")),
        text(elementType.path("eventDefinition")),
        fields);
  }

  private static Field field(JsonNode property) {
    JsonNode binding = property.path("binding");
    String name = text(binding.path("name"));
    if (name == null) {
      name = text(binding.path("key"));
    }
    if (name == null) {
      name = binding.path("property").asString();
    }
    List<String> choices = new ArrayList<>();
    property.path("choices").forEach(choice -> choices.add(choice.path("value").asString()));
    JsonNode pattern = property.path("constraints").path("pattern");
    String regex = pattern.isObject() ? text(pattern.path("value")) : text(pattern);
    String type = property.path("type").asString();
    return new Field(
        binding.path("type").asString(),
        name,
        type,
        text(property.path("value")),
        property.path("constraints").path("notEmpty").asBoolean(false) || type.equals("Dropdown"),
        property.path("optional").asBoolean(false),
        choices,
        regex == null ? null : Pattern.compile(regex));
  }

  private static @Nullable String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asString();
  }
}
