package dev.cairn.channels.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.Template;
import liqp.TemplateParser;
import liqp.exceptions.LiquidException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * Liquid templates: named message bodies from {@code cairn/templates/<name>.liquid} on the
 * classpath, and inline snippets such as subjects. A body is placed into
 * {@code _layout.liquid} (as {@code content}) when that layout exists, so every email shares one
 * responsive frame.
 */
@Service
public class Templates {

  private static final String LOCATION = "cairn/templates/";
  private static final String LAYOUT = "_layout";

  // liqp words its errors as: parser error "<what>" on line 3, index 6 / error on line 1, index 5: <what>
  private static final Pattern PARSER_WORDS = Pattern.compile("parser error \"(.*)\" on line \\d+", Pattern.DOTALL);
  private static final Pattern PLACE = Pattern.compile("line (\\d+), index (\\d+)");
  private static final String UNKNOWN_FILTER = "no filter available named";
  private static final Pattern PLACE_PREFIX = Pattern.compile("^error on line \\d+, index \\d+: ");

  private final TemplateParser parser = new TemplateParser.Builder().build();
  private final Map<String, Template> parsed = new ConcurrentHashMap<>();

  /** Renders the named template; throws {@link TemplateProblem} if it is missing or broken. */
  public String render(String name, Map<String, Object> context) {
    String body = render(name, parsed.computeIfAbsent(name, this::load), context);
    if (!exists(LAYOUT)) {
      return body;
    }
    Map<String, Object> framed = new HashMap<>(context);
    framed.put("content", body);
    return render(LAYOUT, parsed.computeIfAbsent(LAYOUT, this::load), framed);
  }

  /** Renders a snippet written inline in a journey step (a subject line, for example). */
  public String renderInline(String label, String source, Map<String, Object> context) {
    return render(label, parse(label, source), context);
  }

  public boolean exists(String name) {
    return new ClassPathResource(LOCATION + name + ".liquid").exists();
  }

  /**
   * Why the named template cannot be used, if it cannot: it does not exist, or it (or the shared
   * layout it is placed into) is not valid Liquid.
   */
  public Optional<TemplateDefect> check(String name) {
    if (!exists(name)) {
      return Optional.of(new TemplateDefect.Missing(name, names()));
    }
    Optional<TemplateDefect.Unreadable> defect = checkInline(name, source(name));
    if (defect.isEmpty() && exists(LAYOUT)) {
      defect = checkInline(LAYOUT, source(LAYOUT));
    }
    return defect.map(TemplateDefect.class::cast);
  }

  /** Why a snippet written inline in a step (a subject line, say) is not valid Liquid, if it is not. */
  public Optional<TemplateDefect.Unreadable> checkInline(String label, String source) {
    Template template;
    try {
      template = parser.parse(source);
    } catch (LiquidException e) {
      return Optional.of(unreadable(label, e.line, e.charPositionInLine, e.getMessage()));
    } catch (RuntimeException e) {
      return Optional.of(unreadable(label, null, null, e.getMessage()));
    }
    // liqp finds an unknown filter only when rendering. Other render failures depend on the
    // contact's data, which a check before publishing does not have, so only that one counts.
    try {
      template.render(Map.of());
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains(UNKNOWN_FILTER)) {
        return Optional.of(unreadable(label, null, null, e.getMessage()));
      }
    }
    return Optional.empty();
  }

  /** The templates a step can name, sorted; the shared layout is not one of them. */
  public List<String> names() {
    try {
      return Arrays.stream(new PathMatchingResourcePatternResolver().getResources("classpath*:" + LOCATION + "*.liquid"))
          .map(Resource::getFilename)
          .filter(Objects::nonNull)
          .map(file -> file.substring(0, file.length() - ".liquid".length()))
          .filter(name -> !name.startsWith("_"))
          .distinct()
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TemplateDefect.Unreadable unreadable(String label, @Nullable Integer line, @Nullable Integer index, @Nullable String message) {
    String text = String.valueOf(message);
    Matcher where = PLACE.matcher(text);
    if (line != null && line <= 0) {
      line = null; // the parser did not know where
      index = null;
    }
    if (line == null && where.find()) {
      line = Integer.valueOf(where.group(1));
      index = Integer.valueOf(where.group(2));
    }
    Matcher quoted = PARSER_WORDS.matcher(text);
    String reason = quoted.find() ? quoted.group(1) : PLACE_PREFIX.matcher(text).replaceFirst("");
    return new TemplateDefect.Unreadable(label, line, index == null ? null : index + 1, reason.strip());
  }

  private String source(String name) {
    try {
      return new ClassPathResource(LOCATION + name + ".liquid").getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Template load(String name) {
    ClassPathResource resource = new ClassPathResource(LOCATION + name + ".liquid");
    if (!resource.exists()) {
      throw new TemplateProblem(name, "no such template; add " + LOCATION + name + ".liquid");
    }
    try {
      return parse(name, resource.getContentAsString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Template parse(String name, String source) {
    try {
      return parser.parse(source);
    } catch (RuntimeException e) {
      throw new TemplateProblem(name, String.valueOf(e.getMessage()), e);
    }
  }

  private static String render(String name, Template template, Map<String, Object> context) {
    try {
      return template.render(context);
    } catch (RuntimeException e) {
      throw new TemplateProblem(name, String.valueOf(e.getMessage()), e);
    }
  }
}
