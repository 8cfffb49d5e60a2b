package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.attribute.Attributes;
import dev.cairn.engine.attribute.UndeclaredAttribute;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.imports.ColumnMapping;
import dev.cairn.engine.imports.ContactImport;
import dev.cairn.engine.imports.DedupeKey;
import dev.cairn.engine.imports.ImportPlan;
import dev.cairn.engine.imports.ImportReport;
import dev.cairn.engine.imports.ImportTarget;
import dev.cairn.engine.journey.check.Problem;
import dev.cairn.engine.journey.compile.CompileResult;
import dev.cairn.engine.journey.compile.JourneyCompiler;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Declared attributes against the running application: typed traits over the event API, in CSV
 * imports, declaring and re-typing with existing values, discovering undeclared traits, and the
 * REST API. Every attribute name carries this test's own suffix, so other tests' traits never meet
 * a declaration.
 */
class AttributesTest extends CairnIntegrationTest {

  @Autowired Attributes attributes;
  @Autowired Contacts contacts;
  @Autowired ContactImport imports;
  @Autowired List<StepHandler> handlers;
  @Autowired JourneyCompiler compiler;
  private final JsonMapper json = JsonMapper.builder().build();
  private String suffix;

  @BeforeEach
  void freshNames() {
    suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  @Test
  void a_wrongly_typed_trait_refuses_only_its_event_naming_the_attribute_type_and_value() {
    String seats = declared("seats", AttributeType.NUMBER);
    String renews = declared("renews_on", AttributeType.DATE);
    String good = "u-" + UUID.randomUUID();
    String bad = "u-" + UUID.randomUUID();
    String batch =
        """
        {"batch":[
          {"type":"identify","userId":"%1$s","traits":{"%3$s":"42","%4$s":"2026-03-01T10:00:00+01:00","plan":"Pro"}},
          {"type":"identify","userId":"%2$s","traits":{"%3$s":"lots"}}
        ]}
        """
            .formatted(good, bad, seats, renews);

    HttpResponse<String> response = post("/v1/batch", batch);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json.readTree(response.body());
    assertThat(answer.get("results").findValuesAsString("status"))
        .containsExactly("stored", "rejected");
    JsonNode error = answer.get("results").get(1).get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("/traits/" + seats);
    assertThat(error.get("message").asString())
        .isEqualTo(
            "\""
                + seats
                + "\" is declared as number: \"lots\" is not a number; send a number such as 42 or 9.95");
    ContactProfile stored = contacts.findByUserId(good).orElseThrow();
    assertThat(stored.traits())
        .containsEntry(seats, 42)
        .containsEntry(renews, "2026-03-01T09:00:00Z")
        .containsEntry("plan", "Pro");
    assertThat(contacts.findByUserId(bad)).isEmpty();
  }

  @Test
  void a_single_call_with_a_wrongly_typed_trait_is_an_invalid_event_problem_and_stores_nothing() {
    String trial = declared("on_trial", AttributeType.BOOLEAN);
    String user = "u-" + UUID.randomUUID();

    HttpResponse<String> response =
        post(
            "/v1/track",
            "{\"userId\":\"%s\",\"event\":\"Signed Up\",\"traits\":{\"%s\":\"maybe\"}}"
                .formatted(user, trial));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("type").asString())
        .isEqualTo("https://cairn.dev/problems/invalid-event");
    assertThat(problem.get("errors").get(0).get("message").asString())
        .isEqualTo(
            "\""
                + trial
                + "\" is declared as boolean: \"maybe\" is not true or false; send true or false");
    assertThat(contacts.findByUserId(user)).isEmpty();
  }

  @Test
  void an_import_reads_declared_columns_as_their_type_and_rejects_a_row_that_does_not_convert() {
    String seats = declared("seats", AttributeType.NUMBER);
    String colours = declared("colours", AttributeType.LIST);
    String domain = suffix + ".test";
    String file =
        """
        email,seats,colours
        ann@%1$s,7,"red, blue"
        bo@%1$s,seven,green
        """
            .formatted(domain);
    ImportPlan plan =
        new ImportPlan(
            List.of(
                new ColumnMapping("email", ImportTarget.EMAIL, null),
                new ColumnMapping("seats", ImportTarget.TRAIT, seats),
                new ColumnMapping("colours", ImportTarget.TRAIT, colours)),
            DedupeKey.EMAIL,
            "test");

    ImportReport report =
        imports.run(
            new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
            "typed.csv",
            plan,
            done -> {});

    assertThat(report.created()).isEqualTo(1);
    assertThat(report.rejected())
        .extracting(ImportReport.RejectedRow::line, ImportReport.RejectedRow::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                3L,
                "\""
                    + seats
                    + "\" is declared as number: \"seven\" is not a number; send a number such as 42 or 9.95"));
    Map<String, Object> traits =
        contacts.search("ann@" + domain, 0, 1).stream()
            .findFirst()
            .flatMap(summary -> contacts.find(summary.id()))
            .orElseThrow()
            .traits();
    assertThat(traits).containsEntry(seats, 7).containsEntry(colours, List.of("red", "blue"));
  }

  @Test
  void declaring_converts_existing_values_and_a_type_they_do_not_fit_is_refused_with_how_many() {
    String size = "size_" + suffix;
    String ann = "u-" + UUID.randomUUID();
    String bo = "u-" + UUID.randomUUID();
    post("/v1/identify", "{\"userId\":\"%s\",\"traits\":{\"%s\":\"12\"}}".formatted(ann, size));
    post("/v1/identify", "{\"userId\":\"%s\",\"traits\":{\"%s\":\"large\"}}".formatted(bo, size));

    assertThat(attributes.undeclared())
        .contains(new UndeclaredAttribute(size, 2, AttributeType.STRING));
    assertThat(attributes.declare(size, AttributeType.NUMBER, "Size", null))
        .isEqualTo(
            new Attributes.Declaration.Refused(
                "1 contact has a value of \""
                    + size
                    + "\" that would not convert to number (e.g. \"large\"); fix or clear them, or pick another type."));
    assertThat(attributes.declare(size, AttributeType.STRING, "Size", null))
        .isInstanceOf(Attributes.Declaration.Declared.class);
    assertThat(attributes.undeclared()).extracting(UndeclaredAttribute::name).doesNotContain(size);

    post("/v1/identify", "{\"userId\":\"%s\",\"traits\":{\"%s\":\"9\"}}".formatted(bo, size));
    var declared = attributes.declare(size, AttributeType.NUMBER, "Size", null);

    assertThat(declared)
        .isInstanceOfSatisfying(
            Attributes.Declaration.Declared.class,
            done -> assertThat(done.converted()).isEqualTo(2));
    assertThat(contacts.findByUserId(ann).orElseThrow().traits()).containsEntry(size, 12);
    assertThat(attributes.declared())
        .filteredOn(usage -> usage.attribute().name().equals(size))
        .singleElement()
        .satisfies(usage -> assertThat(usage.contacts()).isEqualTo(2));
  }

  @Test
  void undeclared_traits_are_discovered_with_the_type_their_values_suggest() {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        ("{\"userId\":\"%s\",\"traits\":{\"n_%2$s\":3,\"b_%2$s\":\"true\",\"d_%2$s\":\"2026-05-01\",\"l_%2$s\":[\"a\"],\"s_%2$s\":\"x\"}}")
            .formatted(user, suffix));

    assertThat(attributes.undeclared())
        .contains(
            new UndeclaredAttribute("n_" + suffix, 1, AttributeType.NUMBER),
            new UndeclaredAttribute("b_" + suffix, 1, AttributeType.BOOLEAN),
            new UndeclaredAttribute("d_" + suffix, 1, AttributeType.DATE),
            new UndeclaredAttribute("l_" + suffix, 1, AttributeType.LIST),
            new UndeclaredAttribute("s_" + suffix, 1, AttributeType.STRING));
  }

  @Test
  void the_rest_api_declares_and_lists_attributes_and_refuses_a_name_that_is_not_snake_case()
      throws Exception {
    String plan = "plan_" + suffix;

    HttpResponse<String> created =
        post(
            "/v1/attributes",
            "{\"name\":\"%s\",\"type\":\"list\",\"label\":\"Plans\"}".formatted(plan));
    HttpResponse<String> refused =
        post("/v1/attributes", "{\"name\":\"PlanName\",\"type\":\"string\"}");
    HttpResponse<String> unknownType =
        post("/v1/attributes", "{\"name\":\"x_%s\",\"type\":\"money\"}".formatted(suffix));
    HttpResponse<String> listed = get("/v1/attributes", WRITE_KEY);

    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(json.readTree(created.body()).get("type").asString()).isEqualTo("list");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(json.readTree(refused.body()).get("detail").asString()).contains("lower snake case");
    assertThat(unknownType.statusCode()).isEqualTo(400);
    assertThat(json.readTree(unknownType.body()).get("detail").asString())
        .isEqualTo(
            "\"money\" is not an attribute type; use one of [string, number, boolean, date, list].");
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(json.readTree(listed.body()).get("declared").findValuesAsString("name"))
        .contains(plan);
    assertThat(get("/v1/attributes", "wrong-key").statusCode()).isEqualTo(401);
  }

  @Test
  void
      an_update_contact_step_sets_a_declared_attribute_in_its_type_and_refuses_a_value_that_does_not_convert() {
    String seats = declared("seats", AttributeType.NUMBER);
    String user = "u-" + UUID.randomUUID();
    post("/v1/identify", "{\"userId\":\"%s\"}".formatted(user));
    var contact = contacts.findByUserId(user).orElseThrow().id();
    StepHandler update =
        handlers.stream()
            .filter(handler -> handler.type().equals("cairn.update-contact"))
            .findFirst()
            .orElseThrow();

    StepResult good =
        update.perform(
            new Step(
                1,
                contact,
                "upgrade",
                1,
                1,
                "set-seats",
                Map.of("attribute", "trait:" + seats, "value", "25"),
                Map.of(),
                3));
    StepResult bad =
        update.perform(
            new Step(
                2,
                contact,
                "upgrade",
                1,
                2,
                "set-seats",
                Map.of("attribute", "trait:" + seats, "value", "many"),
                Map.of(),
                3));

    assertThat(good).isInstanceOf(StepResult.Completed.class);
    assertThat(bad)
        .isEqualTo(
            new StepResult.Rejected(
                "\""
                    + seats
                    + "\" is declared as number: \"many\" is not a number; send a number such as 42 or 9.95"));
    assertThat(contacts.findByUserId(user).orElseThrow().traits()).containsEntry(seats, 25);
    assertThat(update.problems(Map.of("attribute", "trait:" + seats, "value", "many")))
        .containsExactly(
            "\""
                + seats
                + "\" is declared as number: \"many\" is not a number; send a number such as 42 or 9.95");
  }

  @Test
  void a_branch_whose_operator_no_longer_fits_a_declared_type_stops_with_the_reason() {
    String seats = "seats_" + suffix;
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"%s\":\"12 users\"}}".formatted(user, seats));
    var contact = contacts.findByUserId(user).orElseThrow().id();
    StepHandler branch =
        handlers.stream()
            .filter(handler -> handler.type().equals("cairn.branch"))
            .findFirst()
            .orElseThrow();
    String paths =
        "[{\"flow\":\"many\",\"rule\":{\"kind\":\"attribute\",\"attribute\":\"trait:%s\",\"operator\":\"STARTS_WITH\",\"value\":\"12\"}}]"
            .formatted(seats);
    Map<String, String> headers = Map.of("gateway", "how-many", "paths", paths, "default", "few");
    assertThat(
            branch.perform(
                new Step(3, contact, "upgrade", 1, 3, "how-many-decide", headers, Map.of(), 3)))
        .isInstanceOf(StepResult.Completed.class);
    post("/v1/identify", "{\"userId\":\"%s\",\"traits\":{\"%s\":\"12\"}}".formatted(user, seats));
    declared("seats", AttributeType.NUMBER);

    StepResult result =
        branch.perform(
            new Step(4, contact, "upgrade", 1, 4, "how-many-decide", headers, Map.of(), 3));

    assertThat(result)
        .isInstanceOfSatisfying(
            StepResult.Rejected.class,
            rejected ->
                assertThat(rejected.reason())
                    .startsWith(
                        "\"trait:" + seats + "\" is a number; \"starts with\" does not apply."));
  }

  @Test
  void
      a_journey_whose_branch_compares_a_declared_number_with_a_word_is_refused_before_publishing_on_that_path() {
    String value = declared("lifetime_value", AttributeType.NUMBER);
    String condition =
        "{&quot;kind&quot;:&quot;attribute&quot;,&quot;attribute&quot;:&quot;trait:%s&quot;,&quot;operator&quot;:&quot;AT_LEAST&quot;,&quot;value&quot;:&quot;abc&quot;}"
            .formatted(value);
    String diagram =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="high-value-%s" name="High value" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="Order Completed"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="to-gw" sourceRef="start" targetRef="gw"/>
            <bpmn:exclusiveGateway id="gw" name="High value?"/>
            <bpmn:sequenceFlow id="yes" name="Yes" sourceRef="gw" targetRef="end-yes">
              <bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:condition" value="%s"/></zeebe:properties></bpmn:extensionElements>
            </bpmn:sequenceFlow>
            <bpmn:endEvent id="end-yes"/>
            <bpmn:sequenceFlow id="no" name="No" sourceRef="gw" targetRef="end-no"/>
            <bpmn:endEvent id="end-no"/>
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(suffix, condition);

    // The compiler publishing uses, with the attributes this workspace declared.
    CompileResult result = compiler.compile(diagram);

    assertThat(result)
        .isInstanceOfSatisfying(
            CompileResult.Rejected.class,
            rejected ->
                assertThat(rejected.problems())
                    .containsExactly(
                        new Problem(
                            "yes",
                            "Branch \"High value?\", path \"Yes\": "
                                + value
                                + " is a number, but the condition compares it with \"abc\". Enter a number such as 100.")));
  }

  private String declared(String name, AttributeType type) {
    String unique = name + "_" + suffix;
    assertThat(attributes.declare(unique, type, name, null))
        .isInstanceOf(Attributes.Declaration.Declared.class);
    return unique;
  }

  private HttpResponse<String> get(String path, String writeKey) throws Exception {
    String basic =
        Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Basic " + basic)
            .GET()
            .build();
    try (var client = java.net.http.HttpClient.newHttpClient()) {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }
}
