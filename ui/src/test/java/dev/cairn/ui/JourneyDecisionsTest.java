package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.decision.SplitResults;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.track.ElementVisit;
import dev.cairn.engine.journey.track.JourneyTracking;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Branches on attributes and activity, an A/B split, a contact attribute update and a goal, on the
 * embedded engine: each contact's path is read back from tracking.
 */
class JourneyDecisionsTest extends CairnIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired Journeys journeys;
  @Autowired Contacts contacts;
  @Autowired JourneyTracking tracking;
  @Autowired SplitResults splits;

  @BeforeEach
  void publishTheJourney() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/journeys/decisions.bpmn")) {
      journeys.addIfAbsent(
          "decisions",
          "Decisions under test",
          null,
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    if (journeys.neverPublished("decisions")) {
      assertThat(journeys.publish("decisions")).isInstanceOf(PublishResult.Published.class);
    }
  }

  @Test
  void a_pro_contact_takes_the_pro_path_and_is_tagged_on_the_way() {
    String user = user("{\"plan\":\"Pro\"}");

    start(user);

    assertThat(awaitAt(user, "pro-end")).doesNotContain("buyer-end", "ab-split");
    assertThat(contacts.findByUserId(user).orElseThrow().traits())
        .containsEntry("stage", "in decisions");
  }

  @Test
  void a_contact_who_has_ordered_takes_the_buyer_path() {
    String user = user("{\"plan\":\"Free\"}");
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":10}}"
            .formatted(user));

    start(user);

    assertThat(awaitAt(user, "buyer-end")).doesNotContain("pro-end");
  }

  @Test
  void everyone_else_is_split_between_both_variants() {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      users.add(user("{}"));
    }
    users.forEach(this::start);

    List<String> variants = new ArrayList<>();
    for (String user : users) {
      List<String> path =
          await()
              .atMost(PATIENCE)
              .until(
                  () -> elements(user),
                  elements -> elements.contains("wait-a") || elements.contains("wait-b"));
      variants.add(path.contains("wait-a") ? "A" : "B");
    }
    assertThat(variants).contains("A", "B");
  }

  @Test
  void reaching_the_goal_ends_the_journey_wherever_the_contact_is() {
    String user = user("{}");
    start(user);
    await()
        .atMost(PATIENCE)
        .until(
            () -> elements(user),
            elements -> elements.contains("wait-a") || elements.contains("wait-b"));

    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"Goal Reached\"}".formatted(user));

    List<String> path = awaitAt(user, "goal-converted");
    assertThat(path).doesNotContain("a-end", "b-end");
    assertThat(tracking.positions(id(user)))
        .allSatisfy(position -> assertThat(position.active()).isFalse());
  }

  @Test
  void the_split_results_count_each_variants_contacts_and_their_conversions_towards_the_goal() {
    String user = user("{}");
    start(user);
    List<String> path =
        await()
            .atMost(PATIENCE)
            .until(
                () -> elements(user),
                elements -> elements.contains("wait-a") || elements.contains("wait-b"));
    String variant = path.contains("wait-a") ? "A" : "B";
    SplitResults.Variant before = variant(variant);

    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"Goal Reached\"}".formatted(user));
    awaitAt(user, "goal-converted");

    SplitResults.Variant after = variant(variant);
    assertThat(after.metric()).isEqualTo("goal: Goal Reached");
    assertThat(after.weight()).isEqualTo(50);
    assertThat(after.splitName()).isEqualTo("Subject line test");
    assertThat(after.contacts()).isEqualTo(before.contacts());
    assertThat(after.successes()).isEqualTo(before.successes() + 1);
    assertThat(splits.of("decisions"))
        .extracting(SplitResults.Variant::variant)
        .containsExactlyInAnyOrder("A", "B");
  }

  private SplitResults.Variant variant(String name) {
    return splits.of("decisions").stream()
        .filter(v -> v.variant().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private String user(String traits) {
    String user = "u-" + UUID.randomUUID();
    post("/v1/identify", "{\"userId\":\"%s\",\"traits\":%s}".formatted(user, traits));
    return user;
  }

  private void start(String user) {
    assertThat(
            post(
                    "/v1/track",
                    "{\"userId\":\"%s\",\"event\":\"Decisions Test Started\"}".formatted(user))
                .statusCode())
        .isEqualTo(200);
  }

  private List<String> awaitAt(String user, String element) {
    return await()
        .atMost(PATIENCE)
        .until(() -> elements(user), elements -> elements.contains(element));
  }

  private List<String> elements(String user) {
    return contacts
        .findByUserId(user)
        .map(contact -> tracking.path(contact.id()).stream().map(ElementVisit::elementId).toList())
        .orElse(List.of());
  }

  private ContactId id(String user) {
    return contacts.findByUserId(user).orElseThrow().id();
  }
}
