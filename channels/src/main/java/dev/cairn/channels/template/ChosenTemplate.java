package dev.cairn.channels.template;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The translation of a template (and of the layout) one contact gets, with the revisions read when
 * it was chosen, so rendering it asks the database nothing more.
 */
public final class ChosenTemplate {

  final String body;
  final @Nullable Long bodyRevision;
  final @Nullable String layout;
  final @Nullable Long layoutRevision;

  ChosenTemplate(
      String body,
      @Nullable Long bodyRevision,
      @Nullable String layout,
      @Nullable Long layoutRevision) {
    this.body = body;
    this.bodyRevision = bodyRevision;
    this.layout = layout;
    this.layoutRevision = layoutRevision;
  }

  /** The template's name as a step names it: {@code welcome}, whichever translation was chosen. */
  public String name() {
    return TemplateLocale.baseName(body);
  }

  /** The translation chosen; empty when it is the template's default. */
  public Optional<TemplateLocale> locale() {
    return TemplateLocale.ofName(body);
  }

  @Override
  public String toString() {
    return body + (layout == null ? "" : " in " + layout);
  }
}
