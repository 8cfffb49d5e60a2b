package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.cairn.channels.preference.Preferences;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The preference centre, reached from the received email's own link: a recipient chooses the topics
 * they get, leaves email and comes back, and email steps about a topic they left skip them.
 */
class PreferenceCentreTest extends CairnIntegrationTest {

  private static final HttpClient BROWSER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Pattern PREFERENCES = Pattern.compile("https?://[^/\"]+(/p/[A-Za-z0-9_-]+)");

  @Autowired Contacts contacts;
  @Autowired Consents consents;
  @Autowired Journeys journeys;
  @Autowired JdbcClient jdbc;
  @Autowired Preferences preferenceCentre;

  @Test
  void
      a_recipient_opts_out_of_one_topic_from_their_email_and_steps_about_it_skip_them_while_others_still_send()
          throws Exception {
    String user = "u-" + UUID.randomUUID();
    String preferences = preferencesLink(welcomeEmail(user));
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();

    HttpResponse<String> page = get(preferences);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Email to <b>" + user + "@example.com</b>")
        .contains("name=\"topic\" value=\"offers\" checked> Offers and discounts")
        .contains("name=\"email\" checked>")
        .doesNotContain("Text messages"); // no phone number, no texts to choose

    HttpResponse<String> saved =
        submit(preferences, "email=on&topic=newsletter&topic=product-news");

    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.body())
        .contains("Saved. Thank you.")
        .contains("name=\"topic\" value=\"offers\"> Offers and discounts");
    assertThat(topicEvents(contact)).containsExactly("Topic Unsubscribed offers");
    assertThat(consents.allows(contact, ConsentChannel.EMAIL)).isTrue();
    // What the contact's page in the console lists: every topic, and where and when they left one.
    assertThat(preferenceCentre.choicesOf(contact))
        .extracting(
            topic ->
                topic.id()
                    + (topic.optOut() == null ? "" : " left in the " + topic.optOut().source()))
        .containsExactly("newsletter", "offers left in the preference centre", "product-news");

    String journey = "topics-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(journey, journey, null, twoTopics(journey, "offers", "newsletter"));
    assertThat(journeys.publish(journey)).isInstanceOf(PublishResult.Published.class);
    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"%s\"}".formatted(user, journey));
    awaitPath(user, "done");
    assertThat(outcome(contact, "first-topic"))
        .containsEntry("status", "SKIPPED")
        .containsEntry(
            "error",
            "the contact opted out of Offers and discounts email in the preference centre");
    assertThat(outcome(contact, "second-topic")).containsEntry("status", "SENT");
  }

  @Test
  void a_recipient_leaves_email_on_the_page_and_comes_back_the_same_way() throws Exception {
    String user = "u-" + UUID.randomUUID();
    String preferences = preferencesLink(welcomeEmail(user));
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();

    assertThat(submit(preferences, "topic=newsletter&topic=offers&topic=product-news").body())
        .contains("Saved.");
    assertThat(consents.of(contact).get(ConsentChannel.EMAIL).status())
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(consents.of(contact).get(ConsentChannel.EMAIL).source())
        .isEqualTo("preference centre");
    assertThat(get(preferences).body()).contains("name=\"email\">");

    assertThat(
            submit(preferences, "email=on&topic=newsletter&topic=offers&topic=product-news").body())
        .contains("Saved.");
    assertThat(consents.of(contact).get(ConsentChannel.EMAIL).status())
        .isEqualTo(ConsentStatus.SUBSCRIBED);
    assertThat(
            submit(preferences, "email=on&topic=newsletter&topic=offers&topic=product-news").body())
        .contains("Nothing changed.");
  }

  @Test
  void a_choice_naming_an_unknown_topic_says_so_and_changes_nothing() throws Exception {
    String user = "u-" + UUID.randomUUID();
    String preferences = preferencesLink(welcomeEmail(user));
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();

    HttpResponse<String> refused = submit(preferences, "topic=newsletter&topic=lottery");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("&quot;lottery&quot; is not one of our topics")
        .contains("Nothing was changed");
    assertThat(consents.allows(contact, ConsentChannel.EMAIL))
        .isTrue(); // the unticked email box was not applied either
    assertThat(topicEvents(contact)).isEmpty();
  }

  @Test
  void a_changed_or_foreign_link_shows_no_one_and_the_unsubscribe_page_offers_the_preferences()
      throws Exception {
    MimeMessage email = welcomeEmail("u-" + UUID.randomUUID());
    String preferences = preferencesLink(email);
    String tampered =
        preferences.substring(0, preferences.length() - 2)
            + (preferences.endsWith("A") ? "BB" : "AA");
    String unsubscribe =
        URI.create(email.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "")).getPath();

    assertThat(get(tampered).statusCode()).isEqualTo(404);
    assertThat(submit(tampered, "email=on").statusCode()).isEqualTo(404);
    assertThat(get(unsubscribe).body()).contains("choose what you get from us").contains("/p/");
  }

  @Test
  void an_email_step_naming_a_topic_the_preference_centre_does_not_have_cannot_be_published() {
    String journey = "topics-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(journey, journey, null, twoTopics(journey, "offers", "lottery"));

    PublishResult result = journeys.publish(journey);

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) result).problems().toString())
        .contains("The topic \"lottery\" is not one of the preference centre's topics");
  }

  private MimeMessage welcomeEmail(String user) {
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Signed Up\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"Pia\"}}"
            .formatted(user, user));
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> emailsTo(user).stream().findFirst().orElse(null), message -> message != null);
  }

  private static String preferencesLink(MimeMessage email) {
    String body = GreenMailUtil.getBody(email).replace("=\r\n", "").replace("=3D", "=");
    Matcher link = PREFERENCES.matcher(body);
    assertThat(link.find()).as("a preferences link in the email's footer").isTrue();
    return link.group(1);
  }

  private List<String> topicEvents(ContactId contact) {
    return jdbc.sql(
            "select name || ' ' || (properties ->> 'topic') from contact_event where contact_id = :id and name like 'Topic %' order by id")
        .param("id", contact.value())
        .query(String.class)
        .list();
  }

  private Map<String, Object> outcome(ContactId contact, String step) {
    return jdbc.sql(
            "select status, coalesce(error, '') as error from message where contact_id = :id and element_id = :step")
        .param("id", contact.value())
        .param("step", step)
        .query()
        .singleRow();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return BROWSER.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> submit(String path, String form) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return BROWSER.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Two emails, each about its topic, one after the other. */
  private static String twoTopics(String id, String first, String second) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Topics" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first-topic"/>
            <bpmn:serviceTask id="first-topic" name="About %2$s">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="cairn.email" retries="3"/>
                <zeebe:taskHeaders><zeebe:header key="template" value="series-welcome"/><zeebe:header key="subject" value="About %2$s"/><zeebe:header key="topic" value="%2$s"/></zeebe:taskHeaders>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="first-topic" targetRef="second-topic"/>
            <bpmn:serviceTask id="second-topic" name="About %3$s">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="cairn.email" retries="3"/>
                <zeebe:taskHeaders><zeebe:header key="template" value="series-welcome"/><zeebe:header key="subject" value="About %3$s"/><zeebe:header key="topic" value="%3$s"/></zeebe:taskHeaders>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f3" sourceRef="second-topic" targetRef="done"/>
            <bpmn:endEvent id="done"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id, first, second);
  }
}
