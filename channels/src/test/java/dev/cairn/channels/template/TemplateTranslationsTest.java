package dev.cairn.channels.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Translations of a template, saved in PostgreSQL or shipped as {@code <name>.<locale>.liquid}: a
 * contact gets the exact locale, else its language, else the default.
 */
@SpringBootTest(classes = TemplateSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TemplateTranslationsTest {

  private static final TemplateLocale FRENCH = new TemplateLocale("fr");
  private static final TemplateLocale CANADIAN_FRENCH = new TemplateLocale("fr-CA");

  @Autowired TemplateLibrary library;
  @Autowired Templates templates;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void onlyShippedTemplates() {
    jdbc.sql("delete from email_template").update();
  }

  @Test
  void
      a_contact_gets_the_translation_of_their_exact_locale_then_of_their_language_then_the_default() {
    library.save("greeting", FRENCH, "<p>Bonjour {{ contact.first_name }}</p>", "marta");
    library.save("greeting", CANADIAN_FRENCH, "<p>Allô {{ contact.first_name }}</p>", "marta");

    assertThat(render("fr-CA")).isEqualTo("<p>Allô Ann</p>");
    assertThat(render("fr_ca")).as("as an import might spell it").isEqualTo("<p>Allô Ann</p>");
    assertThat(render("fr-BE"))
        .as("no Belgian translation: the French one")
        .isEqualTo("<p>Bonjour Ann</p>");
    assertThat(render("fr")).isEqualTo("<p>Bonjour Ann</p>");
    assertThat(render("de-AT")).as("shipped greeting.de.liquid").isEqualTo("<p>Hallo Ann!</p>\n");
    assertThat(render("es")).as("no Spanish translation: the default").contains("Hello Ann");
    assertThat(render(null)).contains("Hello Ann");
    assertThat(render("not a locale!")).contains("Hello Ann");
  }

  @Test
  void the_chosen_translation_says_its_locale_so_the_message_can_record_it() {
    library.save("greeting", FRENCH, "<p>Bonjour</p>", "marta");

    assertThat(templates.choose("greeting", "fr-CA").locale()).contains(FRENCH);
    assertThat(templates.choose("greeting", "en-GB").locale()).isEmpty();
    assertThat(templates.choose("greeting", "fr-CA").name()).isEqualTo("greeting");
  }

  @Test
  void the_layout_is_translated_the_same_way() {
    library.save(Templates.LAYOUT, "<main>{{ content }}</main>", "marta");
    library.save(
        Templates.LAYOUT,
        FRENCH,
        "<main lang=\"fr\">{{ content }}<a>Se désabonner</a></main>",
        "marta");

    assertThat(render("fr-CA"))
        .startsWith("<main lang=\"fr\">")
        .contains("Hello Ann")
        .endsWith("Se désabonner</a></main>");
    assertThat(render("de")).isEqualTo("<main><p>Hallo Ann!</p>\n</main>");
    assertThat(templates.preview("greeting.fr", "<p>Salut</p>", ann("fr")).html())
        .isEqualTo("<main lang=\"fr\"><p>Salut</p><a>Se désabonner</a></main>");
  }

  @Test
  void a_translation_can_set_its_own_subject_which_the_layout_shows_too() {
    library.save(Templates.LAYOUT, "<title>{{ subject }}</title>{{ content }}", "marta");
    library.save(
        "greeting",
        FRENCH,
        "{% if contact.first_name %}{% subject %}Bonjour {{ contact.first_name }} !{% endsubject %}{% endif %}<p>Salut</p>",
        "marta");
    Map<String, Object> fields = ann("fr");
    fields.put("subject", "Hello Ann");

    RenderedEmail french = templates.renderEmail(templates.choose("greeting", "fr"), fields);
    RenderedEmail english = templates.renderEmail(templates.choose("greeting", "en"), fields);

    assertThat(french)
        .isEqualTo(new RenderedEmail("<title>Bonjour Ann !</title><p>Salut</p>", "Bonjour Ann !"));
    assertThat(english.subject()).as("the step's subject stands").isNull();
    assertThat(english.html()).startsWith("<title>Hello Ann</title>");
    assertThat(
            templates
                .preview("greeting.fr", "{% subject %}Salut{% endsubject %}<p>Salut</p>", fields)
                .subject())
        .isEqualTo("Salut");
  }

  @Test
  void
      a_translation_with_a_liquid_error_is_refused_with_its_line_and_column_and_nothing_is_written() {
    TemplateSave save =
        library.save(
            "greeting", FRENCH, "<p>Bonjour</p>\n<p>{{ contact.first_name | crier }}</p>", "marta");

    assertThat(save)
        .isEqualTo(
            new TemplateSave.Refused(
                new TemplateDefect.Unreadable(
                    "greeting.fr", 2, 26, "no filter available named: |crier")));
    assertThat(library.translations("greeting")).containsExactly(new TemplateLocale("de"));
    assertThat(render("fr")).contains("Hello Ann");
  }

  @Test
  void a_broken_translation_fails_the_check_before_publishing_like_a_broken_default() {
    // Written around the editor (an older Cairn, a script): the check must still find it.
    jdbc.sql(
            "insert into email_template (name, source, updated_at, updated_by) values ('greeting.fr', '{% if x %}oui', now(), 'script')")
        .update();

    assertThat(templates.check("greeting"))
        .hasValueSatisfying(
            defect ->
                assertThat(defect)
                    .isInstanceOfSatisfying(
                        TemplateDefect.Unreadable.class,
                        broken -> {
                          assertThat(broken.source()).isEqualTo("greeting.fr");
                          assertThat(broken.line()).isEqualTo(1);
                        }));
  }

  @Test
  void translations_are_listed_with_their_template_not_as_templates_a_step_can_name() {
    library.save("greeting", CANADIAN_FRENCH, "<p>Allô</p>", "marta");

    assertThat(library.translations("greeting"))
        .containsExactly(new TemplateLocale("de"), CANADIAN_FRENCH);
    assertThat(templates.names()).containsExactly("broken", "greeting");
    assertThat(library.list())
        .extracting(TemplateSummary::name)
        .doesNotContain("greeting.fr-CA", "greeting.de");
    assertThat(library.open("greeting", CANADIAN_FRENCH).orElseThrow().summary().origin())
        .isEqualTo(TemplateOrigin.ADDED);
    assertThat(library.open("greeting", new TemplateLocale("de")).orElseThrow().shippedSource())
        .contains("Hallo");
    assertThat(library.open("greeting", new TemplateLocale("it"))).isEmpty();

    assertThat(library.resetToShipped("greeting", CANADIAN_FRENCH)).isTrue();
    assertThat(library.translations("greeting")).containsExactly(new TemplateLocale("de"));
  }

  @Test
  void merge_fields_carry_the_contact_s_locale_and_language_for_branching_inline() {
    String source =
        "{% if contact.language == \"fr\" %}Merci{% else %}Thanks{% endif %} ({{ contact.locale }})";

    assertThat(templates.renderInline("subject", source, ann("fr-ca"))).isEqualTo("Merci (fr-CA)");
    assertThat(templates.renderInline("subject", source, ann("en"))).isEqualTo("Thanks (en)");
    assertThat(templates.renderInline("subject", source, ann(null))).isEqualTo("Thanks ()");
  }

  @Test
  void a_locale_is_a_language_tag_in_its_usual_form() {
    assertThat(TemplateLocale.parse("FR_ca")).contains(CANADIAN_FRENCH);
    assertThat(TemplateLocale.parse("français")).isEmpty();
    assertThat(CANADIAN_FRENCH.language()).isEqualTo("fr");
    assertThat(CANADIAN_FRENCH.label()).isEqualTo("French, Canada (fr-CA)");
    assertThat(TemplateLocale.lookup("welcome", "fr-CA"))
        .containsExactly("welcome.fr-CA", "welcome.fr", "welcome");
  }

  private String render(@Nullable String locale) {
    return templates.render(templates.choose("greeting", locale), ann(locale));
  }

  private static Map<String, Object> ann(@Nullable String locale) {
    ContactProfile contact =
        new ContactProfile(
            new ContactId(UUID.randomUUID()),
            "u-1",
            null,
            "ann@example.com",
            null,
            "Ann",
            null,
            null,
            locale,
            Map.of(),
            Instant.EPOCH,
            Instant.EPOCH,
            null);
    return MergeFields.of(contact, Map.of());
  }
}
