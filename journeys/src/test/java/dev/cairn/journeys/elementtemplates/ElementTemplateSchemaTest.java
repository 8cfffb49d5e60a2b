package dev.cairn.journeys.elementtemplates;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shipped templates against the schema Camunda publishes for Zeebe element templates (vendored
 * in {@code element-templates-schema/}, see its README), so the Modeler loads every one of them.
 */
class ElementTemplateSchemaTest {

  // The schema is draft-07 and refers only to itself; its id is mapped to the vendored copy, so
  // nothing is fetched from the network.
  private static final String SCHEMA_ID = "http://camunda.org/schema/zeebe-element-templates/1.0";
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_7,
              registry ->
                  registry.schemaIdResolvers(
                      ids ->
                          ids.mapPrefix(
                              SCHEMA_ID, "classpath:element-templates-schema/schema.json")))
          .getSchema(SchemaLocation.of(SCHEMA_ID));

  @Test
  void every_shipped_template_is_valid_against_the_published_schema() {
    JsonNode templates = ElementTemplate.shippedJson();

    List<Error> errors = SCHEMA.validate(templates);

    assertThat(errors).as("schema errors").isEmpty();
    assertThat(templates.size()).isGreaterThanOrEqualTo(12);
  }

  @Test
  void
      every_template_is_a_camunda_8_template_in_the_cairn_category_with_a_description_and_groups() {
    for (JsonNode template : ElementTemplate.shippedJson()) {
      // The Modeler treats a template as Camunda 8 (not Camunda 7) by this schema address.
      assertThat(template.path("$schema").asString())
          .as(template.path("id").asString())
          .contains("zeebe-element-templates-json-schema");
      assertThat(template.path("category").path("id").asString()).isEqualTo("cairn");
      assertThat(template.path("description").asString()).isNotBlank();
      assertThat(template.path("groups").isEmpty())
          .as("groups of %s", template.path("id"))
          .isFalse();
    }
  }

  @Test
  void a_template_the_modeler_would_refuse_is_reported_invalid() {
    ObjectNode email = sendEmail();
    ((ObjectNode) email.path("properties").get(2))
        .put("type", "Dropdown"); // a dropdown without choices
    ArrayNode broken = email.arrayNode().add(email);

    List<Error> errors = SCHEMA.validate(broken);

    assertThat(errors).isNotEmpty();
    assertThat(errors.toString()).contains("choices");
  }

  @Test
  void a_template_without_a_name_is_reported_invalid() {
    ObjectNode email = sendEmail();
    email.remove("name");

    assertThat(SCHEMA.validate(email)).isNotEmpty();
  }

  private static ObjectNode sendEmail() {
    for (JsonNode template : ElementTemplate.shippedJson()) {
      if (template.path("id").asString().equals("dev.cairn.send-email")) {
        return (ObjectNode) template.deepCopy();
      }
    }
    throw new AssertionError("no send-email template");
  }
}
