package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.imports.ContactImport;
import dev.cairn.engine.imports.DedupeKey;
import dev.cairn.engine.imports.ImportPlan;
import dev.cairn.engine.segment.AttributeOperator;
import dev.cairn.engine.segment.SegmentRule;
import dev.cairn.engine.segment.Segments;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Consent per channel: stated over the API or by an import, with its source, and applied. */
class ConsentTest extends CairnIntegrationTest {

  @Autowired Consents consents;
  @Autowired Contacts contacts;
  @Autowired ContactImport imports;
  @Autowired Segments segments;
  @Autowired JdbcClient jdbc;

  @Test
  void consent_stated_in_traits_is_recorded_with_its_source_and_shows_on_the_timeline() {
    String user = "u-" + UUID.randomUUID();
    String call =
        "{\"userId\":\"%s\",\"messageId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\",\"email_consent\":\"subscribed\",\"smsConsent\":false}}"
            .formatted(user, user, user);

    post("/v1/identify", call);
    post("/v1/identify", call);

    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    var recorded = consents.of(contact);
    assertThat(recorded.get(ConsentChannel.EMAIL).status()).isEqualTo(ConsentStatus.SUBSCRIBED);
    assertThat(recorded.get(ConsentChannel.EMAIL).source()).isEqualTo("api");
    assertThat(recorded.get(ConsentChannel.SMS).status()).isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(contacts.find(contact).orElseThrow().traits())
        .doesNotContainKeys("email_consent", "smsConsent");
    assertThat(
            jdbc.sql(
                    "select count(*) from contact_event where contact_id = :id and name = 'Consent Changed'")
                .param("id", contact.value())
                .query(Long.class)
                .single())
        .isEqualTo(2);
    assertThat(
            segments.preview(
                new SegmentRule.All(
                    List.of(
                        new SegmentRule.Attribute("external_id", AttributeOperator.EQUALS, user),
                        new SegmentRule.Attribute(
                            "email_consent", AttributeOperator.EQUALS, "subscribed"))),
                10))
        .hasSize(1);
  }

  @Test
  void an_unreadable_consent_value_is_a_problem_and_nothing_is_stored() {
    long before = jdbc.sql("select count(*) from contact").query(Long.class).single();

    HttpResponse<String> response =
        post(
            "/v1/identify",
            "{\"userId\":\"u-%s\",\"traits\":{\"email_consent\":\"maybe\"}}"
                .formatted(UUID.randomUUID()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("/traits/email_consent")
        .contains("subscribed, unsubscribed or pending");
    assertThat(jdbc.sql("select count(*) from contact").query(Long.class).single())
        .isEqualTo(before);
  }

  @Test
  void
      email_goes_to_contacts_not_asked_but_sms_only_to_subscribers_and_never_after_unsubscribing() {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\"}}".formatted(user, user));
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();

    assertThat(consents.allows(contact, ConsentChannel.EMAIL)).isTrue();
    assertThat(consents.allows(contact, ConsentChannel.SMS)).isFalse();

    consents.record(contact, ConsentChannel.EMAIL, ConsentStatus.UNSUBSCRIBED, "unsubscribe link");
    consents.record(contact, ConsentChannel.SMS, ConsentStatus.SUBSCRIBED, "keyword START");

    assertThat(consents.allows(contact, ConsentChannel.EMAIL)).isFalse();
    assertThat(consents.allows(contact, ConsentChannel.SMS)).isTrue();
  }

  @Test
  void an_import_records_email_consent_with_the_imports_source() {
    String email = "imp-" + UUID.randomUUID() + "@example.com";
    var plan =
        new ImportPlan(
            imports
                .inspect(
                    new ByteArrayInputStream(
                        ("email\n" + email + "\n").getBytes(StandardCharsets.UTF_8)))
                .guessed(),
            DedupeKey.EMAIL,
            "Shop counter sheet",
            ConsentStatus.SUBSCRIBED);

    imports.run(
        new ByteArrayInputStream(("email\n" + email + "\n").getBytes(StandardCharsets.UTF_8)),
        "sheet.csv",
        plan,
        done -> {});

    UUID id =
        jdbc.sql("select id from contact where email = :email")
            .param("email", email)
            .query(UUID.class)
            .single();
    var consent = consents.of(new ContactId(id)).get(ConsentChannel.EMAIL);
    assertThat(consent.status()).isEqualTo(ConsentStatus.SUBSCRIBED);
    assertThat(consent.source()).isEqualTo("import: Shop counter sheet");
  }
}
