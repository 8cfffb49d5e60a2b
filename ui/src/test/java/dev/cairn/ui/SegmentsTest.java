package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.segment.AttributeOperator;
import dev.cairn.engine.segment.InvalidSegmentException;
import dev.cairn.engine.segment.SegmentMember;
import dev.cairn.engine.segment.SegmentRefresh;
import dev.cairn.engine.segment.SegmentRule;
import dev.cairn.engine.segment.SegmentRule.Activity;
import dev.cairn.engine.segment.SegmentRule.All;
import dev.cairn.engine.segment.SegmentRule.Any;
import dev.cairn.engine.segment.SegmentRule.Attribute;
import dev.cairn.engine.segment.SegmentRule.Membership;
import dev.cairn.engine.segment.Segments;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Segment membership against planted contacts and events, one rule kind at a time. Every planted
 * contact carries this test's own marker trait, so other tests' contacts never count.
 */
class SegmentsTest extends CairnIntegrationTest {

  @Autowired Segments segments;
  @Autowired SegmentRefresh refresh;
  @Autowired JdbcClient jdbc;
  @Autowired dev.cairn.engine.contact.Contacts contacts;
  @Autowired dev.cairn.engine.attribute.Attributes attributes;

  private String plant;
  private final Instant now = Instant.now();

  @BeforeEach
  void newPlant() {
    plant = UUID.randomUUID().toString();
  }

  @Test
  void text_attributes_match_case_insensitively_and_by_presence() {
    contact("ann", "Ann", "ann@acme.test", Duration.ofDays(2), "{\"plan\":\"Pro\"}");
    contact("ben", "Ben", "ben@other.test", Duration.ofDays(2), "{\"plan\":\"free\"}");
    contact("cid", "Cid", null, Duration.ofDays(2), "{}");

    assertThat(members(new Attribute("email", AttributeOperator.CONTAINS, "ACME")))
        .containsExactly("ann");
    assertThat(members(new Attribute("email", AttributeOperator.STARTS_WITH, "ben@")))
        .containsExactly("ben");
    assertThat(members(new Attribute("email", AttributeOperator.IS_NOT_SET, null)))
        .containsExactly("cid");
    assertThat(members(new Attribute("trait:plan", AttributeOperator.EQUALS, "pro")))
        .containsExactly("ann");
    assertThat(members(new Attribute("trait:plan", AttributeOperator.NOT_EQUALS, "pro")))
        .containsExactlyInAnyOrder("ben", "cid");
    assertThat(members(new Attribute("first_name", AttributeOperator.IS_SET, null))).hasSize(3);
  }

  @Test
  void numeric_traits_compare_as_numbers_and_dates_in_days() {
    contact("old", "Old", null, Duration.ofDays(400), "{\"score\":95}");
    contact("new", "New", null, Duration.ofDays(3), "{\"score\":9}");
    contact("txt", "Txt", null, Duration.ofDays(3), "{\"score\":\"high\"}");

    assertThat(members(new Attribute("trait:score", AttributeOperator.GREATER_THAN, "10")))
        .containsExactly("old");
    assertThat(members(new Attribute("trait:score", AttributeOperator.LESS_THAN, "10")))
        .containsExactly("new");
    assertThat(members(new Attribute("created_at", AttributeOperator.WITHIN_LAST_DAYS, "30")))
        .containsExactlyInAnyOrder("new", "txt");
    assertThat(members(new Attribute("created_at", AttributeOperator.MORE_THAN_DAYS_AGO, "365")))
        .containsExactly("old");
  }

  @Test
  void activity_rules_count_events_in_a_window_and_sum_a_property() {
    UUID buyer = contact("buyer", "B", null, Duration.ofDays(500), "{}");
    UUID lapsed = contact("lapsed", "L", null, Duration.ofDays(500), "{}");
    UUID browser = contact("browser", "W", null, Duration.ofDays(5), "{}");
    order(buyer, Duration.ofDays(2), 300);
    order(buyer, Duration.ofDays(20), 150);
    order(buyer, Duration.ofDays(40), 100);
    order(lapsed, Duration.ofDays(200), 80);
    event(browser, "Product Viewed", Duration.ofHours(3), "{}");

    assertThat(members(new Activity("Order Completed", true, 1, null, null, null)))
        .containsExactlyInAnyOrder("buyer", "lapsed");
    assertThat(members(new Activity("Order Completed", true, 1, 30, null, null)))
        .containsExactly("buyer");
    assertThat(members(new Activity("Order Completed", false, 1, null, null, null)))
        .containsExactly("browser");
    assertThat(members(new Activity("Order Completed", true, 3, null, null, null)))
        .containsExactly("buyer");
    assertThat(
            members(
                new Activity("Order Completed", true, 1, 365, "revenue", new BigDecimal("500"))))
        .containsExactly("buyer");
    assertThat(
            members(new Activity("Order Completed", true, 1, 30, "revenue", new BigDecimal("500"))))
        .isEmpty();
    assertThat(
            members(
                new All(
                    List.of(
                        new Activity("Order Completed", true, 1, null, null, null),
                        new Activity("Order Completed", false, 1, 90, null, null)))))
        .containsExactly("lapsed");
  }

  @Test
  void orders_sent_to_the_api_add_up_to_lifecycle_stage_revenue_and_rfm_scores() {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\",\"plant\":\"%s\"}}"
            .formatted(user, user, plant));
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":40.5}}"
            .formatted(user));
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":\"59.50\"}}"
            .formatted(user));
    contacts.scoreRfm();

    var metrics = contacts.metrics(contacts.findByUserId(user).orElseThrow().id()).orElseThrow();

    assertThat(metrics.orderCount()).isEqualTo(2);
    assertThat(metrics.totalRevenue()).isEqualByComparingTo("100");
    assertThat(metrics.lifecycleStage()).isEqualTo("repeat customer");
    assertThat(metrics.rfm()).matches("[1-5]-[1-5]-[1-5]");
    assertThat(
            segments.preview(
                scoped(
                    new Attribute("lifecycle_stage", AttributeOperator.EQUALS, "repeat customer")),
                10))
        .hasSize(1);
    assertThat(
            segments.preview(
                scoped(new Attribute("total_revenue", AttributeOperator.EQUALS, "100.00")), 10))
        .hasSize(1);
    assertThat(
            segments.preview(
                scoped(new Attribute("order_count", AttributeOperator.GREATER_THAN, "2")), 10))
        .isEmpty();
  }

  @Test
  void tags_put_on_and_taken_off_a_contact_decide_tag_conditions() {
    UUID tagged = contact("tagged", "T", null, Duration.ofDays(1), "{}");
    contact("plain", "P", null, Duration.ofDays(1), "{}");
    contacts.tag(new dev.cairn.engine.contact.ContactId(tagged), " VIP ");

    assertThat(members(new Attribute("tag", AttributeOperator.EQUALS, "vip")))
        .containsExactly("tagged");
    assertThat(members(new Attribute("tag", AttributeOperator.IS_NOT_SET, null)))
        .containsExactly("plain");

    contacts.untag(new dev.cairn.engine.contact.ContactId(tagged), "vip");

    assertThat(members(new Attribute("tag", AttributeOperator.EQUALS, "vip"))).isEmpty();
  }

  @Test
  void the_contacts_list_filters_by_segment_lifecycle_stage_and_tag() {
    UUID buyer = contact("buyer", "B", "b@x.test", Duration.ofDays(10), "{}");
    UUID other = contact("other", "O", "o@x.test", Duration.ofDays(10), "{}");
    order(buyer, Duration.ofDays(1), 50);
    jdbc.sql(
            "update contact set order_count = 1, total_revenue = 50, first_order_at = now(), last_order_at = now() where id = :id")
        .param("id", buyer)
        .update();
    contacts.tag(new dev.cairn.engine.contact.ContactId(other), "webinar");
    var buyers =
        segments.save(
            null,
            "Buyers " + plant,
            null,
            scoped(new Activity("Order Completed", true, 1, null, null, null)));
    refresh.refresh(buyers.id());

    assertThat(listed(new dev.cairn.engine.contact.ContactFilter(plant, buyers.id(), null, null)))
        .containsExactly("buyer");
    assertThat(
            listed(
                new dev.cairn.engine.contact.ContactFilter(
                    plant, null, "first-time customer", null)))
        .containsExactly("buyer");
    assertThat(listed(new dev.cairn.engine.contact.ContactFilter(plant, null, null, "Webinar")))
        .containsExactly("other");
    assertThat(listed(new dev.cairn.engine.contact.ContactFilter(plant, null, null, null)))
        .containsExactlyInAnyOrder("buyer", "other");
  }

  private List<String> listed(dev.cairn.engine.contact.ContactFilter filter) {
    assertThat(contacts.count(filter)).isEqualTo(contacts.search(filter, 0, 100).size());
    return contacts.search(filter, 0, 100).stream()
        .map(c -> c.externalId().substring(plant.length() + 1))
        .toList();
  }

  @Test
  void groups_combine_rules_with_and_and_or() {
    contact("a", "A", "a@acme.test", Duration.ofDays(1), "{\"plan\":\"Pro\"}");
    contact("b", "B", "b@acme.test", Duration.ofDays(1), "{\"plan\":\"free\"}");
    contact("c", "C", "c@other.test", Duration.ofDays(1), "{\"plan\":\"Pro\"}");
    SegmentRule acme = new Attribute("email", AttributeOperator.CONTAINS, "acme");
    SegmentRule pro = new Attribute("trait:plan", AttributeOperator.EQUALS, "Pro");

    assertThat(members(new All(List.of(acme, pro)))).containsExactly("a");
    assertThat(members(new Any(List.of(acme, pro)))).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(members(new Any(List.of()))).isEmpty();
  }

  @Test
  void membership_of_another_segment_follows_its_last_refresh_and_entries_become_events() {
    UUID pro = contact("pro", "P", null, Duration.ofDays(1), "{\"plan\":\"Pro\"}");
    contact("free", "F", null, Duration.ofDays(1), "{\"plan\":\"free\"}");
    var pros =
        segments.save(
            null,
            "Pro plan " + plant,
            null,
            scoped(new Attribute("trait:plan", AttributeOperator.EQUALS, "Pro")));
    refresh.refresh(pros.id());

    assertThat(members(new Membership(pros.id(), true))).containsExactly("pro");
    assertThat(members(new Membership(pros.id(), false))).containsExactly("free");

    jdbc.sql(
            "update contact set traits = '{\"plan\":\"free\"}'::jsonb || jsonb_build_object('plant', cast(:plant as text)) where id = :id")
        .param("plant", plant)
        .param("id", pro)
        .update();
    UUID newcomer = contact("newcomer", "N", null, Duration.ofDays(1), "{\"plan\":\"Pro\"}");
    SegmentRefresh.Changes changes = refresh.refresh(pros.id());

    assertThat(changes).isEqualTo(new SegmentRefresh.Changes(1, 1));
    assertThat(eventNames(newcomer)).contains(SegmentRefresh.ENTERED);
    assertThat(eventNames(pro)).contains(SegmentRefresh.LEFT);
    assertThat(segments.members(pros.id(), 0, 10))
        .extracting(SegmentMember::externalId)
        .containsExactly(plant + "-newcomer");
  }

  @Test
  void rules_that_cannot_be_evaluated_are_refused_with_what_to_fix_and_nothing_is_saved() {
    int before = segments.list().size();

    assertThatThrownBy(
            () ->
                segments.save(
                    null, "Bad", null, new Attribute("shoe_size", AttributeOperator.EQUALS, "42")))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessageContaining("\"shoe_size\" is not an attribute")
        .hasMessageContaining("trait:<name>");
    assertThatThrownBy(() -> segments.count(new Attribute("email", AttributeOperator.EQUALS, " ")))
        .hasMessage("\"email is\" needs a value.");
    assertThatThrownBy(
            () ->
                segments.count(
                    new Attribute("trait:score", AttributeOperator.GREATER_THAN, "lots")))
        .hasMessageContaining("\"lots\" is not a number");
    assertThatThrownBy(
            () -> segments.count(new Attribute("email", AttributeOperator.GREATER_THAN, "3")))
        .hasMessageContaining("compares numbers");
    assertThatThrownBy(
            () ->
                segments.count(
                    new Attribute("created_at", AttributeOperator.WITHIN_LAST_DAYS, "0")))
        .hasMessageContaining("1 or more");
    assertThatThrownBy(
            () -> segments.count(new Activity("Order Completed", true, 1, 1, "revenue", null)))
        .hasMessageContaining("needs the total to reach");
    assertThatThrownBy(() -> segments.save(null, " ", null, new All(List.of())))
        .hasMessage("A segment needs a name.");
    assertThatThrownBy(
            () -> segments.save(null, "Ghost", null, new Membership("no-such-segment", true)))
        .hasMessage("There is no segment \"no-such-segment\".");
    assertThat(segments.list()).hasSize(before);
  }

  @Test
  void a_segment_cannot_include_itself_through_another() {
    var first = segments.save(null, "First " + plant, null, new All(List.of()));
    var second = segments.save(null, "Second " + plant, null, new Membership(first.id(), true));

    assertThatThrownBy(
            () -> segments.save(first.id(), first.name(), null, new Membership(second.id(), true)))
        .hasMessageContaining("cannot include itself");
    assertThatThrownBy(() -> segments.delete(first.id())).hasMessageContaining("use this segment");
  }

  @Test
  void the_built_in_segments_are_there_and_valid() {
    assertThat(segments.list())
        .extracting(summary -> summary.id())
        .contains("new-subscribers", "active-30-days", "vip", "at-risk", "cart-abandoners");
    for (var summary : segments.list()) {
      segments.count(segments.find(summary.id()).orElseThrow().rule());
    }
  }

  @Test
  void declared_attributes_compare_by_their_type_numbers_dates_lists_and_true_or_false() {
    String suffix = plant.substring(0, 8).replaceAll("[^a-z0-9]", "0");
    String seats = "seats_" + suffix;
    String trial = "trial_ends_" + suffix;
    String colours = "colours_" + suffix;
    String vip = "vip_" + suffix;
    attributes.declare(seats, AttributeType.NUMBER, "Seats", null);
    attributes.declare(trial, AttributeType.DATE, "Trial ends", null);
    attributes.declare(colours, AttributeType.LIST, "Colours", null);
    attributes.declare(vip, AttributeType.BOOLEAN, "VIP", null);
    String soon = java.time.LocalDate.now().plusDays(3).toString();
    contact(
        "ann",
        "Ann",
        null,
        Duration.ofDays(1),
        "{\"%s\":12,\"%s\":\"2026-01-15\",\"%s\":[\"red\",\"blue\"],\"%s\":true}"
            .formatted(seats, trial, colours, vip));
    contact(
        "ben",
        "Ben",
        null,
        Duration.ofDays(1),
        "{\"%s\":9.5,\"%s\":\"%s\",\"%s\":[\"reddish\"],\"%s\":false}"
            .formatted(seats, trial, soon, colours, vip));
    contact("cid", "Cid", null, Duration.ofDays(1), "{}");

    assertThat(members(new Attribute("trait:" + seats, AttributeOperator.AT_LEAST, "12")))
        .containsExactly("ann");
    assertThat(members(new Attribute("trait:" + seats, AttributeOperator.AT_MOST, "12")))
        .containsExactlyInAnyOrder("ann", "ben");
    assertThat(members(new Attribute("trait:" + seats, AttributeOperator.EQUALS, "12.0")))
        .containsExactly("ann");
    assertThat(members(new Attribute("trait:" + trial, AttributeOperator.BEFORE, "2026-02-01")))
        .containsExactly("ann");
    assertThat(members(new Attribute("trait:" + trial, AttributeOperator.AFTER, "2026-01-15")))
        .containsExactly("ben");
    assertThat(members(new Attribute("trait:" + trial, AttributeOperator.AFTER, "2026-01-14")))
        .containsExactlyInAnyOrder("ann", "ben");
    assertThat(members(new Attribute("trait:" + trial, AttributeOperator.IS_NOT_SET, null)))
        .containsExactly("cid");
    assertThat(members(new Attribute("trait:" + colours, AttributeOperator.CONTAINS, "RED")))
        .containsExactly("ann");
    assertThat(members(new Attribute("trait:" + colours, AttributeOperator.IS_SET, null)))
        .containsExactlyInAnyOrder("ann", "ben");
    assertThat(members(new Attribute("trait:" + vip, AttributeOperator.IS_TRUE, null)))
        .containsExactly("ann");
    assertThat(members(new Attribute("trait:" + vip, AttributeOperator.IS_FALSE, null)))
        .containsExactly("ben");
    assertThatThrownBy(
            () -> segments.count(new Attribute("trait:" + seats, AttributeOperator.CONTAINS, "1")))
        .hasMessageStartingWith(
            "\"trait:"
                + seats
                + "\" is a number; \"contains\" does not apply. Use \"is\", \"is not\", \"is at least\"");
    assertThatThrownBy(
            () -> segments.count(new Attribute("trait:" + trial, AttributeOperator.BEFORE, "soon")))
        .hasMessageContaining("\"soon\" is not a date, write it as 2026-03-01");
    assertThat(segments.operatorsFor(List.of("trait:" + vip, "trait:" + colours, "created_at")))
        .containsEntry(
            "trait:" + vip,
            List.of(
                AttributeOperator.IS_TRUE,
                AttributeOperator.IS_FALSE,
                AttributeOperator.IS_SET,
                AttributeOperator.IS_NOT_SET))
        .containsEntry(
            "trait:" + colours,
            List.of(
                AttributeOperator.CONTAINS, AttributeOperator.IS_SET, AttributeOperator.IS_NOT_SET))
        .hasEntrySatisfying(
            "created_at",
            offered ->
                assertThat(offered)
                    .contains(AttributeOperator.BEFORE)
                    .doesNotContain(AttributeOperator.CONTAINS));
  }

  @Test
  void undeclared_traits_keep_comparing_as_before_and_contains_finds_an_item_of_a_list() {
    contact(
        "ann",
        "Ann",
        null,
        Duration.ofDays(1),
        "{\"hobbies\":[\"chess\",\"golf\"],\"note\":\"likes chess\"}");
    contact(
        "ben",
        "Ben",
        null,
        Duration.ofDays(1),
        "{\"hobbies\":[\"chessboxing\"],\"note\":\"golf\"}");

    assertThat(members(new Attribute("trait:hobbies", AttributeOperator.CONTAINS, "chess")))
        .containsExactly("ann");
    assertThat(members(new Attribute("trait:note", AttributeOperator.CONTAINS, "chess")))
        .containsExactly("ann");
  }

  @Test
  void engagement_score_weighs_clicks_over_opens_decays_with_age_and_falls_with_bounces() {
    UUID clicker = contact("clicker", "C", null, Duration.ofDays(200), "{}");
    UUID opener = contact("opener", "O", null, Duration.ofDays(200), "{}");
    UUID bounced = contact("bounced", "B", null, Duration.ofDays(200), "{}");
    UUID lapsed = contact("lapsed", "L", null, Duration.ofDays(200), "{}");
    for (int open = 0; open < 3; open++) {
      event(
          clicker,
          "Email Opened",
          Duration.ofHours(2),
          "{\"message_id\":\"1\"}"); // one message opened three times counts once
    }
    event(clicker, "Email Clicked", Duration.ofHours(2), "{\"message_id\":\"1\"}");
    event(opener, "Email Opened", Duration.ofDays(30), "{\"message_id\":\"2\"}");
    event(bounced, "Email Opened", Duration.ofHours(2), "{\"message_id\":\"3\"}");
    event(bounced, "Email Bounced", Duration.ofHours(1), "{\"message_id\":\"4\"}");
    event(lapsed, "Email Clicked", Duration.ofDays(100), "{\"message_id\":\"5\"}");

    contacts.scoreEngagement();

    // 10 + 25 points now: 100 * (1 - e^(-35/50)) = 50; one open 30 days ago is 5 points: 10.
    assertThat(score(clicker)).isEqualTo(50);
    assertThat(score(opener)).isEqualTo(10);
    assertThat(score(bounced)).isZero();
    assertThat(score(lapsed)).isZero();
    assertThat(members(new Attribute("engagement_score", AttributeOperator.AT_LEAST, "50")))
        .containsExactly("clicker");
    assertThat(members(new Attribute("engagement_score", AttributeOperator.AT_LEAST, "10")))
        .containsExactlyInAnyOrder("clicker", "opener");
  }

  private int score(UUID contact) {
    return contacts
        .metrics(new dev.cairn.engine.contact.ContactId(contact))
        .orElseThrow()
        .engagementScore();
  }

  private List<String> members(SegmentRule rule) {
    return segments.preview(scoped(rule), 100).stream()
        .map(member -> member.externalId().substring(plant.length() + 1))
        .toList();
  }

  private SegmentRule scoped(SegmentRule rule) {
    return new All(List.of(new Attribute("trait:plant", AttributeOperator.EQUALS, plant), rule));
  }

  private UUID contact(String name, String firstName, String email, Duration age, String traits) {
    UUID id = UUID.randomUUID();
    Instant created = now.minus(age);
    jdbc.sql(
            """
            insert into contact (id, external_id, email, first_name, traits, created_at, updated_at, last_seen_at)
            values (:id, :external, :email, :first, cast(:traits as jsonb) || jsonb_build_object('plant', cast(:plant as text)), :created, :created, :created)
            """)
        .param("id", id)
        .param("external", plant + "-" + name)
        .param("email", email)
        .param("first", firstName)
        .param("traits", traits)
        .param("plant", plant)
        .param("created", Timestamp.from(created))
        .update();
    return id;
  }

  private void order(UUID contact, Duration ago, int revenue) {
    event(contact, "Order Completed", ago, "{\"revenue\":" + revenue + "}");
  }

  private void event(UUID contact, String name, Duration ago, String properties) {
    Instant at = now.minus(ago);
    jdbc.sql(
            """
            insert into contact_event (message_id, contact_id, type, name, properties, occurred_at, received_at, processed_at)
            values (:message, :contact, 'TRACK', :name, cast(:properties as jsonb), :at, :at, :at)
            """)
        .param("message", UUID.randomUUID().toString())
        .param("contact", contact)
        .param("name", name)
        .param("properties", properties)
        .param("at", Timestamp.from(at))
        .update();
  }

  private List<String> eventNames(UUID contact) {
    return new ArrayList<>(
        jdbc.sql("select name from contact_event where contact_id = :id")
            .param("id", contact)
            .query(String.class)
            .list());
  }
}
