package dev.cairn.channels.email;

import dev.cairn.channels.template.TemplateDefect;
import dev.cairn.channels.template.TemplateLocale;
import dev.cairn.channels.template.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with a "send email" step before its journey is published: a template that does not
 * exist or is not valid Liquid, a subject that is not valid Liquid. Otherwise every contact
 * reaching the step would stop there with an incident.
 */
final class EmailStepCheck {

  private final Templates templates;

  EmailStepCheck(Templates templates) {
    this.templates = templates;
  }

  List<String> problems(Map<String, String> headers) {
    List<String> problems = new ArrayList<>();
    String template = headers.get("template");
    if (template != null && !template.isBlank()) {
      templates.check(template).ifPresent(defect -> problems.add(template(template, defect)));
    }
    String subject = headers.get("subject");
    if (subject != null && !subject.isBlank()) {
      templates
          .checkInline("subject", subject)
          .ifPresent(defect -> problems.add("the subject " + unreadable(defect)));
    }
    return problems;
  }

  private static String template(String name, TemplateDefect defect) {
    return switch (defect) {
      case TemplateDefect.Missing missing when missing.available().isEmpty() ->
          "the template \""
              + name
              + "\" does not exist; add it as cairn/templates/"
              + name
              + ".liquid.";
      case TemplateDefect.Missing missing ->
          "the template \""
              + name
              + "\" does not exist; pick one of: "
              + String.join(", ", missing.available())
              + ".";
      case TemplateDefect.Unreadable broken when broken.source().startsWith(Templates.LAYOUT) ->
          translation(broken.source())
              + "the layout \""
              + Templates.LAYOUT
              + "\" that every email is placed into "
              + unreadable(broken);
      case TemplateDefect.Unreadable broken ->
          translation(broken.source()) + "the template \"" + name + "\" " + unreadable(broken);
    };
  }

  /** "the French (fr) translation of " when the broken source is one, else nothing. */
  private static String translation(String source) {
    return TemplateLocale.parse(
            source.contains(".") ? source.substring(source.indexOf('.') + 1) : null)
        .map(locale -> "the " + locale.label() + " translation of ")
        .orElse("");
  }

  /** "has a Liquid error at line 1, column 3: ..." with a hint, for any template a step carries. */
  static String unreadable(TemplateDefect.Unreadable broken) {
    String where =
        broken.line() == null
            ? ""
            : broken.column() == null
                ? " at line " + broken.line()
                : " at line " + broken.line() + ", column " + broken.column();
    return "has a Liquid error" + where + ": " + broken.reason() + hint(broken.reason());
  }

  /** The parser's words for an unclosed tag are the least obvious; say what usually causes them. */
  private static String hint(String reason) {
    return reason.contains("<EOF>") ? " (is an {% endif %}, {% endfor %} or }} missing?)" : ".";
  }
}
