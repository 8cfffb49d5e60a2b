package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.imports.ColumnMapping;
import dev.cairn.engine.imports.ContactImport;
import dev.cairn.engine.imports.DedupeKey;
import dev.cairn.engine.imports.ImportPlan;
import dev.cairn.engine.imports.ImportTarget;
import dev.cairn.engine.imports.ManualContacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.segment.AttributeOperator;
import dev.cairn.engine.segment.SegmentRefresh;
import dev.cairn.engine.segment.SegmentRule;
import dev.cairn.engine.segment.Segments;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Entry triggers besides events: an API call from a backend, and contacts an import adds. */
class JourneyTriggersTest extends CairnIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired Journeys journeys;
  @Autowired ContactImport imports;
  @Autowired ManualContacts manual;
  @Autowired JdbcClient jdbc;
  @Autowired Segments segments;
  @Autowired SegmentRefresh segmentRefresh;

  @Test
  void a_backend_puts_a_known_contact_into_a_running_journey_through_the_api_once_at_a_time() {
    String journey = published(TestJourneys.waitingJourney(id("renewal"), ""));
    String user = identified();

    HttpResponse<String> first =
        post(
            "/v1/journeys/" + journey + "/entries",
            "{\"userId\":\"" + user + "\",\"properties\":{\"plan\":\"Pro\"}}");
    HttpResponse<String> again =
        post("/v1/journeys/" + journey + "/entries", "{\"userId\":\"" + user + "\"}");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("\"entered\":true");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"entered\":false").contains("one at a time");
    assertThat(enrolments(journey)).isEqualTo(1);
  }

  @Test
  void entering_through_the_api_with_bad_input_is_answered_with_a_problem_and_enters_no_one() {
    String journey = published(TestJourneys.waitingJourney(id("api"), ""));
    String draft = id("draft");
    journeys.addIfAbsent(draft, "Draft " + draft, null, TestJourneys.waitingJourney(draft, ""));
    String user = identified();
    record Case(String path, String body, String key, int status, String type) {}
    List<Case> cases =
        List.of(
            new Case(
                "/v1/journeys/" + journey + "/entries",
                "{\"userId\":\"" + user + "\"}",
                "wk_wrong",
                401,
                "unknown-write-key"),
            new Case(
                "/v1/journeys/" + journey + "/entries",
                "{\"properties\":{}}",
                WRITE_KEY,
                400,
                "invalid-entry"),
            new Case(
                "/v1/journeys/" + journey + "/entries",
                "{\"userId\":\"" + user + "\",\"properties\":[1]}",
                WRITE_KEY,
                400,
                "invalid-entry"),
            new Case("/v1/journeys/" + journey + "/entries", "{\"userId\":", WRITE_KEY, 400, ""),
            new Case(
                "/v1/journeys/no-such-journey/entries",
                "{\"userId\":\"" + user + "\"}",
                WRITE_KEY,
                404,
                "unknown-journey"),
            new Case(
                "/v1/journeys/" + journey + "/entries",
                "{\"userId\":\"u-nobody-" + UUID.randomUUID() + "\"}",
                WRITE_KEY,
                404,
                "unknown-contact"),
            new Case(
                "/v1/journeys/" + draft + "/entries",
                "{\"userId\":\"" + user + "\"}",
                WRITE_KEY,
                409,
                "journey-not-running"));

    for (Case bad : cases) {
      HttpResponse<String> answer = post(bad.path(), bad.body(), bad.key());
      assertThat(answer.statusCode()).as(bad.toString()).isEqualTo(bad.status());
      assertThat(answer.headers().firstValue("Content-Type"))
          .as(bad.toString())
          .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
      assertThat(answer.body()).as(bad.toString()).contains(bad.type());
    }
    assertThat(enrolments(journey)).isZero();
    assertThat(enrolments(draft)).isZero();
  }

  @Test
  void
      contacts_an_import_adds_enter_the_journey_for_their_source_and_those_it_only_updates_do_not() {
    String journey =
        published(
            TestJourneys.waitingJourney(
                id("imported"),
                ContactImport.IMPORTED,
                TestJourneys.property("cairn:trigger-where", "source=Fair 2026")));
    String domain = "imp" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    imports.run(csv("email\nold@" + domain + "\n"), "earlier.csv", plan("Fair 2025"), done -> {});
    await().atMost(PATIENCE).until(() -> pendingEvents() == 0);

    imports.run(
        csv("email,first name\nold@%1$s,Ola\nnew@%1$s,Nia\nnext@%1$s,Ned\n".formatted(domain)),
        "fair.csv",
        plan("Fair 2026"),
        done -> {});

    await().atMost(PATIENCE).until(() -> enrolments(journey) == 2);
    assertThat(
            jdbc.sql(
                    "select c.email from enrollment e join contact c on c.id = e.contact_id where e.journey_id = :id order by c.email")
                .param("id", journey)
                .query(String.class)
                .list())
        .containsExactly("new@" + domain, "next@" + domain);
  }

  @Test
  void a_schedule_enters_the_members_of_its_segment_once_per_firing_and_no_one_else() {
    String cohort = UUID.randomUUID().toString();
    String lisbon = identified(cohort, "Europe/Lisbon");
    String tokyo = identified(cohort, "Asia/Tokyo");
    String outsider = identified(UUID.randomUUID().toString(), "Europe/Lisbon");
    var segment =
        segments.save(
            null,
            "Cohort " + cohort,
            null,
            new SegmentRule.Attribute("trait:cohort", AttributeOperator.EQUALS, cohort));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                segmentRefresh.refresh(segment.id()) != null
                    && segments.members(segment.id(), 0, 10).size() == 2);
    String journey = id("weekly");
    String xml =
        TestJourneys.waitingJourney(journey, "")
            .replace(
                "<zeebe:property name=\"cairn:trigger-event\" value=\"" + journey + "\"/>",
                TestJourneys.property("cairn:trigger-schedule", "*/5 * * * * *")
                    + TestJourneys.property("cairn:trigger-segment", segment.id())
                    + TestJourneys.property("cairn:re-entry", "every-time"));

    published(xml);

    await()
        .atMost(PATIENCE)
        .until(() -> enrolmentsOf(journey, lisbon) >= 2 && enrolmentsOf(journey, tokyo) >= 2);
    assertThat(enrolmentsOf(journey, outsider)).isZero();
    assertThat(
            jdbc.sql(
                    "select count(*) from journey_schedule_firing where journey_id = :id group by time_zone, fired_at having count(*) > 1")
                .param("id", journey)
                .query(Long.class)
                .list())
        .as("each firing claimed once per time zone")
        .isEmpty();
    assertThat(
            jdbc.sql(
                    "select distinct time_zone from journey_schedule_firing where journey_id = :id order by time_zone")
                .param("id", journey)
                .query(String.class)
                .list())
        .containsExactly("Asia/Tokyo", "Europe/Lisbon");
    journeys.setPaused(journey, true);
  }

  private long enrolmentsOf(String journey, String user) {
    return jdbc.sql(
            "select count(*) from enrollment e join contact c on c.id = e.contact_id where e.journey_id = :id and c.external_id = :user")
        .param("id", journey)
        .param("user", user)
        .query(Long.class)
        .single();
  }

  private String identified(String cohort, String timeZone) {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"cohort\":\"%s\",\"timezone\":\"%s\"}}"
            .formatted(user, cohort, timeZone));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql("select count(*) from contact where external_id = :user")
                        .param("user", user)
                        .query(Long.class)
                        .single()
                    == 1);
    return user;
  }

  @Test
  void
      a_contact_added_by_hand_enters_the_journey_for_added_contacts_and_a_duplicate_or_bad_address_is_refused() {
    String journey = published(TestJourneys.waitingJourney(id("added"), ManualContacts.ADDED, ""));
    String email = "hand-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

    ManualContacts.Added added = manual.add(email, "Hana", "Dee", "not a phone", "admin");

    assertThat(added)
        .isInstanceOfSatisfying(
            ManualContacts.Added.Created.class,
            created -> assertThat(created.warnings()).hasSize(1));
    await().atMost(PATIENCE).until(() -> enrolments(journey) == 1);
    assertThat(manual.add(email.toUpperCase(java.util.Locale.ROOT), null, null, null, "admin"))
        .isInstanceOfSatisfying(
            ManualContacts.Added.Refused.class,
            refused -> assertThat(refused.reason()).contains("exists already"));
    assertThat(manual.add("hana@", null, null, null, "admin"))
        .isInstanceOfSatisfying(
            ManualContacts.Added.Refused.class,
            refused -> assertThat(refused.reason()).contains("is not an email address"));
    assertThat(
            jdbc.sql("select count(*) from contact where lower(email) = :email")
                .param("email", email)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  private static ImportPlan plan(String source) {
    return new ImportPlan(
        List.of(new ColumnMapping("email", ImportTarget.EMAIL, null)), DedupeKey.EMAIL, source);
  }

  private static ByteArrayInputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private String published(String xml) {
    String id =
        xml.substring(
            xml.indexOf("process id=\"") + 12, xml.indexOf('"', xml.indexOf("process id=\"") + 12));
    journeys.addIfAbsent(id, "Trigger " + id, null, xml);
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    return id;
  }

  private static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String identified() {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\"}}".formatted(user, user));
    return user;
  }

  private long enrolments(String journey) {
    return jdbc.sql("select count(*) from enrollment where journey_id = :id")
        .param("id", journey)
        .query(Long.class)
        .single();
  }

  private long pendingEvents() {
    return jdbc.sql("select count(*) from contact_event where processed_at is null")
        .query(Long.class)
        .single();
  }
}
