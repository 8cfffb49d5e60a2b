package dev.cairn.channels.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.TemplateContext;
import liqp.filters.Filter;

/**
 * Merge values (contact traits, event properties) are untrusted: anyone can sign up as {@code <img
 * src=x onerror=...>}. In an email's HTML every text value is escaped before the template sees it,
 * so it shows as text; {@code {{ contact.bio | raw }}} puts a value in as HTML, for values a
 * marketer trusts. Subjects, SMS and the plain-text part are not HTML and are never escaped.
 */
final class HtmlMergeValues {

  /** Set in the environment of a render whose output is HTML, where {@code raw} undoes escaping. */
  static final String HTML_RENDER = "cairn.html";

  private static final Pattern ESCAPED = Pattern.compile("&(amp|lt|gt|quot|#39);");

  private HtmlMergeValues() {}

  /** The values with every string in them (nested maps and lists too) HTML-escaped. */
  static Map<String, Object> escaped(Map<String, Object> values) {
    Map<String, Object> escaped = new LinkedHashMap<>();
    values.forEach((key, value) -> escaped.put(key, escapedValue(value)));
    return escaped;
  }

  private static Object escapedValue(Object value) {
    return switch (value) {
      case null -> null;
      case String text -> escape(text);
      case Map<?, ?> map -> {
        Map<Object, Object> escaped = new LinkedHashMap<>();
        map.forEach((key, nested) -> escaped.put(key, escapedValue(nested)));
        yield escaped;
      }
      case List<?> list -> {
        List<Object> escaped = new ArrayList<>(list.size());
        list.forEach(nested -> escaped.add(escapedValue(nested)));
        yield escaped;
      }
      default -> value;
    };
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** Exactly undoes {@link #escape}: only the five entities it writes are read back. */
  static String unescape(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher entity = ESCAPED.matcher(text);
    return entity.replaceAll(
        match ->
            switch (match.group(1)) {
              case "amp" -> "&";
              case "lt" -> "<";
              case "gt" -> ">";
              case "quot" -> "\"";
              default -> "'";
            });
  }

  /**
   * {@code {{ value | raw }}}: the value as it was sent, not escaped, for trusted HTML. Outside an
   * HTML email (subjects, SMS) nothing was escaped, so it changes nothing.
   */
  static final class Raw extends Filter {

    Raw() {
      super("raw");
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
      if (value instanceof String text
          && Boolean.TRUE.equals(context.getEnvironmentMap().get(HTML_RENDER))) {
        return unescape(text);
      }
      return value;
    }
  }
}
