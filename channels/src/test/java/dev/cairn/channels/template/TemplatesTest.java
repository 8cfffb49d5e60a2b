package dev.cairn.channels.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  private final Templates templates = Templates.shippedOnly();

  @Test
  void merge_tags_use_the_contact_and_the_event_that_started_the_journey() {
    Map<String, Object> fields =
        MergeFields.of(
            contact("Ann"),
            Map.of("trigger", Map.of("event", "Signed Up", "properties", Map.of("plan", "Pro"))));

    assertThat(templates.render("greeting", fields)).contains("Hello Ann, enjoy Pro!");
  }

  @Test
  void emails_rendered_at_once_from_one_template_each_get_their_own_contact() throws Exception {
    int renders = 400;
    try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      List<java.util.concurrent.Future<Boolean>> own = new java.util.ArrayList<>();
      for (int i = 0; i < renders; i++) {
        String name = "Contact" + i;
        own.add(
            threads.submit(
                () ->
                    templates
                        .render("greeting", MergeFields.of(contact(name), Map.of()))
                        .contains("Hello " + name + "!")));
      }
      for (var future : own) {
        assertThat(future.get()).as("an email rendered for its own contact").isTrue();
      }
    }
  }

  @Test
  void an_include_reaches_cairns_own_templates_and_never_a_file() {
    assertThat(
            templates
                .preview(
                    "probe", "[{% include 'greeting' %}]", MergeFields.of(contact("Ann"), Map.of()))
                .html())
        .contains("Hello Ann");
    for (String path :
        List.of(
            "/etc/passwd",
            "../../../../etc/passwd",
            "file:/etc/passwd",
            "greeting/../../etc/hosts")) {
      assertThatThrownBy(() -> templates.preview("probe", "{% include '" + path + "' %}", Map.of()))
          .as(path)
          .isInstanceOf(TemplateProblem.class)
          .hasMessageContaining("is not a template name")
          .hasMessageNotContaining("root:");
    }
    assertThatThrownBy(
            () -> templates.preview("probe", "{% include 'no-such-template' %}", Map.of()))
        .isInstanceOf(TemplateProblem.class)
        .hasMessageContaining("there is no template named \"no-such-template\"");
  }

  @Test
  void a_render_that_would_run_away_is_stopped_with_the_reason() {
    assertThatThrownBy(
            () ->
                templates.preview(
                    "probe",
                    "{% for i in (1..10000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}",
                    Map.of()))
        .isInstanceOf(TemplateProblem.class)
        .hasMessageContaining("loops run more than 100000 times");
    assertThatThrownBy(
            () ->
                templates.preview(
                    "probe", "{% for i in (1..90000) %}0123456789abcdef{% endfor %}", Map.of()))
        .isInstanceOf(TemplateProblem.class)
        .hasMessageContaining("KB of text");
    assertThatThrownBy(
            () ->
                templates.preview("probe", "x".repeat(Templates.MAX_TEMPLATE_BYTES + 1), Map.of()))
        .isInstanceOf(TemplateProblem.class)
        .hasMessageContaining("a template may be at most 256 KB");
    // Such a template is refused before it is saved or published.
    assertThat(
            templates.checkInline(
                "probe",
                "{% for i in (1..10000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}"))
        .get()
        .extracting(TemplateDefect.Unreadable::reason)
        .asString()
        .contains("loops run more than 100000 times");
  }

  @Test
  void a_merge_value_is_html_escaped_in_an_email_and_raw_puts_trusted_html_in_as_it_is() {
    Map<String, Object> fields =
        MergeFields.of(
            contact("<img src=x onerror=alert(1)>"),
            Map.of("trigger", Map.of("properties", Map.of("bio", "<b>Tom & \"Jerry's\"</b>"))));

    String html =
        templates
            .preview(
                "probe", "{{ contact.first_name }}|{{ event.bio }}|{{ event.bio | raw }}", fields)
            .html();

    assertThat(html)
        .isEqualTo(
            "&lt;img src=x onerror=alert(1)&gt;|&lt;b&gt;Tom &amp; &quot;Jerry&#39;s&quot;&lt;/b&gt;"
                + "|<b>Tom & \"Jerry's\"</b>");
  }

  @Test
  void a_subject_line_and_an_sms_text_show_merge_values_as_they_were_sent() {
    Map<String, Object> fields = MergeFields.of(contact("<Ann & Bo>"), Map.of());

    assertThat(templates.renderInline("subject", "Hi {{ contact.first_name }}", fields))
        .isEqualTo("Hi <Ann & Bo>");
    assertThat(templates.renderInline("sms", "Hi {{ contact.first_name | raw }}", fields))
        .isEqualTo("Hi <Ann & Bo>");
    RenderedEmail email =
        templates.preview(
            "probe", "{% subject %}Hi {{ contact.first_name }}{% endsubject %}<p>x</p>", fields);
    assertThat(email.subject()).isEqualTo("Hi <Ann & Bo>");
  }

  @Test
  void a_missing_first_name_falls_back_to_the_default() {
    Map<String, Object> fields = MergeFields.of(contact(null), Map.of());

    assertThat(templates.render("greeting", fields)).contains("Hello there!");
  }

  @Test
  void a_template_that_does_not_exist_names_the_file_to_add() {
    assertThatThrownBy(() -> templates.render("nope", Map.of()))
        .isInstanceOf(TemplateProblem.class)
        .hasMessageContaining("cairn/templates/nope.liquid");
  }

  @Test
  void a_broken_template_is_reported_with_its_name() {
    assertThatThrownBy(() -> templates.render("broken", Map.of()))
        .isInstanceOf(TemplateProblem.class)
        .hasMessageStartingWith("Template \"broken\"");
  }

  @Test
  void a_template_that_exists_and_parses_has_no_defect() {
    assertThat(templates.check("greeting")).isEmpty();
  }

  @Test
  void a_missing_template_is_reported_with_the_templates_there_are() {
    assertThat(templates.check("greting"))
        .contains(new TemplateDefect.Missing("greting", List.of("broken", "greeting")));
  }

  @Test
  void a_template_that_does_not_parse_is_reported_with_its_line_and_column() {
    assertThat(templates.check("broken"))
        .hasValueSatisfying(
            defect ->
                assertThat(defect)
                    .isInstanceOfSatisfying(
                        TemplateDefect.Unreadable.class,
                        unreadable -> {
                          assertThat(unreadable.source()).isEqualTo("broken");
                          assertThat(unreadable.line()).isEqualTo(2);
                          assertThat(unreadable.column()).isEqualTo(1);
                          assertThat(unreadable.reason())
                              .isEqualTo("mismatched input '<EOF>' expecting TagStart");
                        }));
  }

  @Test
  void an_inline_snippet_with_an_unknown_filter_is_reported_where_the_filter_is() {
    assertThat(templates.checkInline("subject", "Hi {{ name | shout }}"))
        .contains(
            new TemplateDefect.Unreadable("subject", 1, 12, "no filter available named: |shout"));
  }

  @Test
  void the_templates_to_pick_from_are_listed_by_name() {
    assertThat(templates.names()).containsExactly("broken", "greeting");
  }

  private static ContactProfile contact(String firstName) {
    return new ContactProfile(
        new ContactId(UUID.randomUUID()),
        "u-1",
        null,
        "ann@example.com",
        null,
        firstName,
        null,
        Map.of(),
        Instant.EPOCH,
        Instant.EPOCH,
        null);
  }
}
