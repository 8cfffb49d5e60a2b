package dev.cairn.channels.template;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The language a translation of a template is written in, as a BCP 47 tag ({@code fr}, {@code
 * fr-CA}, {@code de}): the form contacts' locales are kept in.
 */
public record TemplateLocale(String tag) {

  public TemplateLocale {
    Locale locale = new Locale.Builder().setLanguageTag(tag.strip().replace('_', '-')).build();
    if (locale.getLanguage().isEmpty()) {
      throw new IllegalArgumentException(
          "not a language tag: \"" + tag + "\"; use one such as fr, fr-CA or de");
    }
    tag = locale.toLanguageTag();
  }

  /** The tag as typed (fr_ca, FR-ca) in its usual form, or empty when it is no language tag. */
  public static Optional<TemplateLocale> parse(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new TemplateLocale(text));
    } catch (IllformedLocaleException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The language alone: {@code fr} for {@code fr-CA}. */
  public String language() {
    return Locale.forLanguageTag(tag).getLanguage();
  }

  /** "French, Canada (fr-CA)": how the console and its messages name a translation. */
  public String label() {
    Locale locale = Locale.forLanguageTag(tag);
    String country = locale.getDisplayCountry(Locale.ENGLISH);
    return locale.getDisplayLanguage(Locale.ENGLISH)
        + (country.isEmpty() ? "" : ", " + country)
        + " ("
        + tag
        + ")";
  }

  /** The name a translation is stored and shipped under: {@code welcome.fr-CA}. */
  String of(String template) {
    return template + "." + tag;
  }

  /**
   * The names to try for a contact of this locale, best first: {@code welcome.fr-CA}, {@code
   * welcome.fr}, then {@code welcome} itself.
   */
  static List<String> lookup(String template, @Nullable String contactLocale) {
    List<String> names = new ArrayList<>();
    parse(contactLocale)
        .ifPresent(
            locale -> {
              names.add(locale.of(template));
              String language = locale.language();
              if (!language.equals(locale.tag())) {
                names.add(template + "." + language);
              }
            });
    names.add(template);
    return names;
  }

  /**
   * Which of these translations a contact of this locale gets, by the order sending uses; empty for
   * the default.
   */
  public static Optional<TemplateLocale> chosenFor(
      @Nullable String contactLocale, java.util.Collection<TemplateLocale> available) {
    for (String candidate : lookup("", contactLocale)) {
      Optional<TemplateLocale> locale = ofName(candidate);
      if (locale.isPresent() && available.contains(locale.get())) {
        return locale;
      }
    }
    return Optional.empty();
  }

  /** The locale part of a translation's name, or empty for a template's default. */
  static Optional<TemplateLocale> ofName(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? Optional.empty() : parse(name.substring(dot + 1));
  }

  /** {@code welcome} for {@code welcome.fr-CA}. */
  static String baseName(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
