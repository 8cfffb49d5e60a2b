package dev.cairn.channels.template;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Why a template cannot be used, found before a journey that uses it is published. */
public sealed interface TemplateDefect {

  /**
   * No template by that name.
   *
   * @param available the templates that do exist, sorted
   */
  record Missing(String template, List<String> available) implements TemplateDefect {
    public Missing {
      available = List.copyOf(available);
    }
  }

  /**
   * The Liquid does not parse.
   *
   * @param source the template's name, or the label of an inline snippet (a subject, say)
   * @param line 1-based, when the parser says
   * @param column 1-based, when the parser says
   * @param reason the parser's own words
   */
  record Unreadable(String source, @Nullable Integer line, @Nullable Integer column, String reason)
      implements TemplateDefect {}
}
