package dev.cairn.channels.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import liqp.Template;
import liqp.TemplateParser;
import org.springframework.core.io.ClassPathResource;
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
