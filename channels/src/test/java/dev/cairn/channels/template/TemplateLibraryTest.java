package dev.cairn.channels.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Templates edited in the console override the shipped ones, on real PostgreSQL. */
@SpringBootTest(classes = TemplateSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TemplateLibraryTest {

  @Autowired TemplateLibrary library;
  @Autowired Templates templates;
  @Autowired JdbcClient jdbc;

  private final Map<String, Object> ann =
      MergeFields.of(
          new ContactProfile(
              new ContactId(UUID.randomUUID()),
              "u-1",
              null,
              "ann@example.com",
              null,
              "Ann",
              null,
              Map.of(),
              Instant.EPOCH,
              Instant.EPOCH,
              null),
          Map.of("trigger", Map.of("event", "Signed Up", "properties", Map.of("plan", "Pro"))));

  @BeforeEach
  void onlyShippedTemplates() {
    jdbc.sql("delete from email_template").update();
  }

  @Test
  void a_saved_template_is_rendered_instead_of_the_shipped_one() {
    TemplateSave save =
        library.save(
            "greeting",
            "<p>Hej {{ contact.first_name }}, welcome to {{ event.plan }}</p>",
            "marta");

    assertThat(save).isInstanceOf(TemplateSave.Saved.class);
    assertThat(templates.render("greeting", ann)).isEqualTo("<p>Hej Ann, welcome to Pro</p>");
    assertThat(library.list())
        .filteredOn(template -> template.name().equals("greeting"))
        .containsExactly(
            new TemplateSummary("greeting", TemplateOrigin.EDITED, TemplateSlice.NOW, "marta"));
  }

  @Test
  void reset_to_default_brings_the_shipped_template_back() {
    library.save("greeting", "<p>Hej {{ contact.first_name }}</p>", "marta");
    templates.render("greeting", ann);

    assertThat(library.resetToShipped("greeting")).isTrue();

    assertThat(templates.render("greeting", ann)).contains("Hello Ann, enjoy Pro!");
    assertThat(library.open("greeting").orElseThrow().summary().origin())
        .isEqualTo(TemplateOrigin.SHIPPED);
    assertThat(library.resetToShipped("greeting")).as("nothing left to reset").isFalse();
  }

  @Test
  void a_template_with_a_liquid_error_is_refused_with_its_line_and_column_and_nothing_is_written() {
    library.save("greeting", "<p>Hej {{ contact.first_name }}</p>", "marta");

    TemplateSave save =
        library.save("greeting", "<p>Hej</p>\n<p>{% if contact.first_name %}Hi</p>", "marta");

    assertThat(save)
        .isInstanceOfSatisfying(
            TemplateSave.Refused.class,
            refused -> {
              assertThat(refused.defect().line()).isEqualTo(2);
              assertThat(refused.defect().column()).isNotNull();
              assertThat(refused.defect().reason()).contains("<EOF>");
            });
    assertThat(library.open("greeting").orElseThrow().source())
        .isEqualTo("<p>Hej {{ contact.first_name }}</p>");
    assertThat(jdbc.sql("select count(*) from email_template").query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void a_template_with_an_unknown_filter_is_refused_too() {
    TemplateSave save =
        library.save("greeting", "<p>{{ contact.first_name | shout }}</p>", "marta");

    assertThat(save)
        .isEqualTo(
            new TemplateSave.Refused(
                new TemplateDefect.Unreadable(
                    "greeting", 1, 26, "no filter available named: |shout")));
    assertThat(library.open("greeting").orElseThrow().summary().origin())
        .isEqualTo(TemplateOrigin.SHIPPED);
  }

  @Test
  void a_save_on_one_replica_is_used_by_the_next_email_on_another() {
    Templates otherReplica = new Templates(new DatabaseTemplateOverrides(jdbc));
    library.save("greeting", "<p>first {{ contact.first_name }}</p>", "marta");
    assertThat(otherReplica.render("greeting", ann)).isEqualTo("<p>first Ann</p>");

    library.save("greeting", "<p>second {{ contact.first_name }}</p>", "marta");
    assertThat(otherReplica.render("greeting", ann))
        .as("same timestamp, new revision")
        .isEqualTo("<p>second Ann</p>");

    library.resetToShipped("greeting");
    assertThat(otherReplica.render("greeting", ann)).contains("Hello Ann, enjoy Pro!");
  }

  @Test
  void
      a_shipped_template_that_is_broken_passes_the_check_before_publishing_once_a_fixed_version_is_saved() {
    assertThat(templates.check("broken")).isPresent();

    library.save(
        "broken",
        "<p>{% if contact.first_name %}Hi {{ contact.first_name }}{% endif %}</p>",
        "marta");

    assertThat(templates.check("broken")).isEmpty();
    assertThat(templates.render("broken", ann)).isEqualTo("<p>Hi Ann</p>");
  }

  @Test
  void an_edited_layout_frames_every_email_and_the_preview_shows_unsaved_changes_in_it() {
    library.save(Templates.LAYOUT, "<main>{{ content }}</main>", "marta");

    assertThat(templates.render("greeting", ann))
        .startsWith("<main>")
        .contains("Hello Ann, enjoy Pro!")
        .endsWith("</main>");
    assertThat(templates.preview("greeting", "<b>{{ contact.first_name }}</b>", ann).html())
        .isEqualTo("<main><b>Ann</b></main>");
    assertThat(library.list().getFirst().layout()).isTrue();
  }

  @Test
  void a_template_saved_without_a_shipped_one_can_be_named_by_a_step() {
    library.save("spring-sale", "<p>Spring sale, {{ contact.first_name }}!</p>", "marta");

    assertThat(templates.names()).containsExactly("broken", "greeting", "spring-sale");
    assertThat(templates.check("spring-sale")).isEmpty();
    assertThat(library.open("spring-sale").orElseThrow().summary().origin())
        .isEqualTo(TemplateOrigin.ADDED);
    assertThat(library.open("spring-sale").orElseThrow().shippedSource()).isNull();
  }
}
