package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.cairn.channels.email.TestEmailResult;
import dev.cairn.channels.email.TestEmails;
import dev.cairn.channels.template.TemplateLibrary;
import dev.cairn.channels.template.TemplateLocale;
import dev.cairn.channels.template.TemplateSave;
import dev.cairn.engine.contact.EmailAddress;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Templates edited in the console are what journeys send; a test send reaches the SMTP server. */
class TemplateEditorTest extends CairnIntegrationTest {

  @Autowired TemplateLibrary library;
  @Autowired TestEmails testEmails;
  @Autowired Journeys journeys;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void shippedTemplatesAgain() {
    // One application serves every test class: leave no edited template behind for the others.
    jdbc.sql("delete from email_template").update();
  }

  @Test
  void an_email_step_of_a_published_journey_sends_the_edited_template() throws Exception {
    String id = "edited-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            library.save(
                "cart-discount",
                "<h1>Edited in the console for {{ contact.first_name }}</h1><p>Code {{ event.code }}</p>",
                "admin"))
        .isInstanceOf(TemplateSave.Saved.class);
    journeys.addIfAbsent(id, "Edited " + id, null, emailJourney(id, "cart-discount"));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);

    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/track",
        """
        {"userId":"%s","event":"%s","properties":{"code":"SPRING26"},"traits":{"email":"%s@example.com","firstName":"Nora"}}
        """
            .formatted(user, id, user));

    MimeMessage email = awaitEmail(user, "Hello Nora");
    String body = GreenMailUtil.getBody(email).replace("=\r\n", "").replace("=3D", "=");
    assertThat(body)
        .contains("Edited in the console for Nora")
        .contains("Code SPRING26")
        .doesNotContain("10% off, just for you");
  }

  @Test
  void a_journey_naming_a_template_saved_in_the_console_can_be_published() {
    String id = "added-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Added " + id, null, emailJourney(id, id));
    assertThat(journeys.publish(id))
        .as("no such template yet")
        .isInstanceOf(PublishResult.Rejected.class);

    library.save(id, "<p>Hello {{ contact.first_name }}</p>", "admin");

    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
  }

  @Test
  void a_test_send_arrives_at_the_smtp_server_marked_as_a_test_and_as_no_contact_s_message()
      throws Exception {
    String to = "tester-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

    TestEmailResult result =
        testEmails.send(
            EmailAddress.parse(to).orElseThrow(),
            "Spring sale",
            "<html><body><p>Spring sale preview</p></body></html>",
            "admin");

    assertThat(result).isInstanceOf(TestEmailResult.Sent.class);
    MimeMessage received =
        Arrays.stream(SMTP.getReceivedMessages())
            .filter(message -> recipients(message).contains(to))
            .findFirst()
            .orElseThrow();
    assertThat(received.getSubject()).isEqualTo("[Test] Spring sale");
    assertThat(GreenMailUtil.getBody(received)).contains("Spring sale preview");
    assertThat(received.getHeader("List-Unsubscribe")).isNull();
    Map<String, Object> row =
        jdbc.sql(
                "select contact_id, journey_id, status, test_sent_by from message where recipient = :to")
            .param("to", to)
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("contact_id", null)
        .containsEntry("journey_id", null)
        .containsEntry("status", "SENT")
        .containsEntry("test_sent_by", "admin");
  }

  @Test
  void
      a_french_contact_receives_the_french_translation_with_its_own_subject_and_the_message_records_it()
          throws Exception {
    String id = "french-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            library.save(
                "cart-discount",
                new TemplateLocale("fr"),
                "{% subject %}Bonjour {{ contact.first_name }}, votre code{% endsubject %}<h1>Bonjour {{ contact.first_name }}</h1><p>Code {{ event.code }}</p>",
                "admin"))
        .isInstanceOf(TemplateSave.Saved.class);
    journeys.addIfAbsent(
        id,
        "French " + id,
        null,
        emailJourney(
            id,
            "cart-discount",
            "{% if contact.language == 'fr' %}Votre code, {% else %}Your code, {% endif %}{{ contact.first_name }}"));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);

    String french = "u-" + UUID.randomUUID();
    String english = "u-" + UUID.randomUUID();
    post(
        "/v1/track",
        """
        {"userId":"%s","event":"%s","properties":{"code":"PRINTEMPS"},"traits":{"email":"%s@example.com","firstName":"Chloé","locale":"fr-CA"}}
        """
            .formatted(french, id, french));
    post(
        "/v1/track",
        """
        {"userId":"%s","event":"%s","properties":{"code":"SPRING"},"traits":{"email":"%s@example.com","firstName":"Nora","locale":"en-GB"}}
        """
            .formatted(english, id, english));

    String frenchBody = body(awaitEmail(french, "Bonjour Chloé, votre code"));
    assertThat(frenchBody)
        .contains("Bonjour Chlo")
        .contains("Code PRINTEMPS")
        .contains("lang=\"fr-CA\"");
    assertThat(body(awaitEmail(english, "Your code, Nora")))
        .contains("10% off")
        .doesNotContain("Bonjour");
    assertThat(
            jdbc.sql("select locale from message where recipient = :to")
                .param("to", french + "@example.com")
                .query(String.class)
                .single())
        .isEqualTo("fr");
    assertThat(
            jdbc.sql("select locale from message where recipient = :to")
                .param("to", english + "@example.com")
                .query(String.class)
                .list())
        .as("the default template: no translation to record")
        .containsExactly((String) null);
  }

  @Test
  void
      a_translation_with_a_liquid_error_is_not_saved_and_says_where_and_a_broken_one_stops_publishing() {
    TemplateSave save =
        library.save(
            "cart-discount",
            new TemplateLocale("de"),
            "<h1>Hallo</h1>\n<p>{% if event.code %}Code {{ event.code }}</p>",
            "admin");

    assertThat(save)
        .isInstanceOfSatisfying(
            TemplateSave.Refused.class,
            refused -> {
              assertThat(refused.defect().source()).isEqualTo("cart-discount.de");
              assertThat(refused.defect().line()).isEqualTo(2);
              assertThat(refused.defect().column()).isNotNull();
            });
    assertThat(library.translations("cart-discount")).doesNotContain(new TemplateLocale("de"));

    // One written around the console (a script, an older Cairn) is still caught before publishing.
    jdbc.sql(
            "insert into email_template (name, source, updated_at, updated_by) values ('cart-discount.de', '<p>{{ contact.first_name | laut }}</p>', now(), 'script')")
        .update();
    String id = "broken-de-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Broken " + id, null, emailJourney(id, "cart-discount"));
    assertThat(journeys.publish(id))
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class,
            rejected ->
                assertThat(rejected.toString())
                    .contains(
                        "German (de) translation of the template \"cart-discount\" has a Liquid error at line 1"));
  }

  private static String body(MimeMessage email) throws Exception {
    return GreenMailUtil.getBody(email).replace("=\r\n", "").replace("=3D", "=");
  }

  private static String recipients(MimeMessage message) {
    try {
      return GreenMailUtil.getAddressList(message.getAllRecipients());
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String emailJourney(String id, String template) {
    return emailJourney(id, template, "Hello {{ contact.first_name }}");
  }

  private static String emailJourney(String id, String template, String subject) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Email %1$s" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="to-email" sourceRef="start" targetRef="email"/>
            <bpmn:serviceTask id="email" name="Send email">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="cairn.email" retries="3"/>
                <zeebe:taskHeaders>
                  <zeebe:header key="template" value="%2$s"/>
                  <zeebe:header key="subject" value="%3$s"/>
                </zeebe:taskHeaders>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="to-end" sourceRef="email" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id, template, subject);
  }
}
