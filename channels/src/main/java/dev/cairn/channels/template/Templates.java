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
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import liqp.Template;
import liqp.TemplateContext;
import liqp.TemplateParser;
import liqp.antlr.CharStreamWithLocation;
import liqp.exceptions.ExceededMaxIterationsException;
import liqp.exceptions.LiquidException;
import liqp.org.antlr.v4.runtime.CharStreams;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * Liquid templates: named message bodies, and inline snippets such as subjects. A named template is
 * the one a marketer saved in the console, else the one shipped as {@code
 * cairn/templates/<name>.liquid} on the classpath. A body is placed into {@code _layout} (as {@code
 * content}) when that layout exists, so every email shares one responsive frame.
 */
@Service
public class Templates {

  /** The frame every email body is placed into; a template, but not one a step can name. */
  public static final String LAYOUT = "_layout";

  private static final String LOCATION = "cairn/templates/";

  // liqp words its errors as: parser error "<what>" on line 3, index 6 / error on line 1, index 5:
  // <what>
  private static final Pattern PARSER_WORDS =
      Pattern.compile("parser error \"(.*)\" on line \\d+", Pattern.DOTALL);
  private static final Pattern PLACE = Pattern.compile("line (\\d+), index (\\d+)");
  private static final String UNKNOWN_FILTER = "no filter available named";
  private static final String LIMIT_NOTE =
      "a limit that keeps one template from holding up every email";
  private static final Pattern PLACE_PREFIX = Pattern.compile("^error on line \\d+, index \\d+: ");

  /** Most loop iterations one render may take: a newsletter's product grid is far below it. */
  static final int MAX_ITERATIONS = 100_000;

  /**
   * Largest output one render may produce: an email far over this would be clipped by every mail
   * client.
   */
  static final int MAX_OUTPUT_CHARS = 1_000_000;

  /** Largest template source. */
  static final int MAX_TEMPLATE_BYTES = 256 * 1024;

  /**
   * What {@code include} and {@code render} may name: another template, by name, and nothing else.
   */
  private static final Pattern TEMPLATE_NAME =
      Pattern.compile("_?[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)?");

  private final TemplateParser parser;
  private final TemplateOverrides overrides;
  private final Map<String, Parsed> shipped = new ConcurrentHashMap<>();
  // The classpath does not change while Cairn runs; asked for every candidate translation of every
  // email.
  private final Map<String, Boolean> shippedFiles = new ConcurrentHashMap<>();
  // Parsed edited templates by name, valid while the database holds the same revision: each
  // render asks for the current revisions (one indexed query), so a save on any replica is used
  // by the next email everywhere, without parsing the template again for every contact.
  private final Map<String, Revised> edited = new ConcurrentHashMap<>();

  private record Parsed(Template template, String source) {}

  private record Revised(long revision, Parsed parsed) {}

  @Autowired
  Templates(TemplateOverrides overrides) {
    this.overrides = overrides;
    // Templates are written in the console by people who should not reach the host: includes
    // resolve to Cairn's own templates only (never a file), and every render is bounded by its
    // loop iterations and output size. (liqp's render-time limit would start a thread for every
    // render and leave a runaway one running, so the two bounds above do that work instead.)
    this.parser =
        new TemplateParser.Builder()
            .withBlock(new SubjectBlock())
            .withFilter(new HtmlMergeValues.Raw())
            .withNameResolver(this::includedTemplate)
            .withMaxIterations(MAX_ITERATIONS)
            .withMaxSizeRenderedString(MAX_OUTPUT_CHARS)
            .withMaxTemplateSizeBytes(MAX_TEMPLATE_BYTES)
            .build();
  }

  /**
   * The source of a template another one includes ({@code {% include 'footer' %}}): a template of
   * Cairn's by its name, saved or shipped. Paths and anything else are refused.
   */
  private CharStreamWithLocation includedTemplate(String name) throws IOException {
    String wanted =
        name.endsWith(".liquid") ? name.substring(0, name.length() - ".liquid".length()) : name;
    if (!TEMPLATE_NAME.matcher(wanted).matches()) {
      throw new IOException(
          "include and render name another template, like {% include 'footer' %}; \""
              + name
              + "\" is not a template name");
    }
    if (!exists(wanted)) {
      throw new IOException("there is no template named \"" + wanted + "\" to include");
    }
    return new CharStreamWithLocation(CharStreams.fromString(source(wanted), wanted));
  }

  /** Only the templates shipped on the classpath: for tests and tools without a database. */
  public static Templates shippedOnly() {
    return new Templates(TemplateOverrides.NONE);
  }

  /**
   * Renders the named template's default; throws {@link TemplateProblem} if it is missing or
   * broken.
   */
  public String render(String name, Map<String, Object> context) {
    return render(choose(name, null), context);
  }

  /**
   * The translations of the template and of the layout a contact of this locale gets: the exact
   * locale ({@code welcome.fr-CA}), else its language ({@code welcome.fr}), else the default. One
   * query for all of them.
   */
  public ChosenTemplate choose(String name, @Nullable String contactLocale) {
    List<String> bodies = TemplateLocale.lookup(name, contactLocale);
    List<String> layouts = TemplateLocale.lookup(LAYOUT, contactLocale);
    Map<String, Long> revisions =
        overrides.revisions(Stream.concat(bodies.stream(), layouts.stream()).toList());
    String body =
        bodies.stream()
            .filter(candidate -> available(candidate, revisions))
            .findFirst()
            .orElse(name);
    String layout =
        name.equals(LAYOUT)
            ? null
            : layouts.stream()
                .filter(candidate -> available(candidate, revisions))
                .findFirst()
                .orElse(null);
    return new ChosenTemplate(
        body, revisions.get(body), layout, layout == null ? null : revisions.get(layout));
  }

  /**
   * Renders the chosen translation, placed into the chosen layout; throws {@link TemplateProblem}
   * if missing or broken.
   */
  public String render(ChosenTemplate chosen, Map<String, Object> context) {
    return renderEmail(chosen, context).html();
  }

  /**
   * Renders the chosen translation into its layout, with the subject the template sets with {@code
   * {% subject %}}, if it does: the layout's {@code {{ subject }}} is then that one.
   */
  public RenderedEmail renderEmail(ChosenTemplate chosen, Map<String, Object> context) {
    return email(
        chosen.body,
        template(chosen.body, chosen.bodyRevision).template(),
        chosen.layout,
        chosen.layoutRevision,
        context);
  }

  private RenderedEmail email(
      String name,
      Template template,
      @Nullable String layout,
      @Nullable Long layoutRevision,
      Map<String, Object> context) {
    Map<String, Object> escaped = HtmlMergeValues.escaped(context);
    TemplateContext environment = htmlEnvironment();
    String body;
    try {
      body = renderAlone(template, () -> template.renderUnguarded(escaped, environment, true));
    } catch (RuntimeException e) {
      throw new TemplateProblem(name, reason(e), e);
    }
    // Rendered among escaped values, for the layout's HTML; the subject line itself is plain text.
    String htmlSubject =
        environment.getEnvironmentMap().get(SubjectBlock.SET) instanceof String set
                && !set.isBlank()
            ? set
            : null;
    Map<String, Object> framed = escaped;
    if (htmlSubject != null) {
      framed = new HashMap<>(escaped);
      framed.put("subject", htmlSubject);
    }
    return new RenderedEmail(
        layout == null ? body : frame(body, layout, layoutRevision, framed),
        htmlSubject == null ? null : HtmlMergeValues.unescape(htmlSubject));
  }

  /** A render whose output is HTML: merge values arrive escaped, and {@code raw} undoes that. */
  private TemplateContext htmlEnvironment() {
    TemplateContext environment = new TemplateContext(parser, new HashMap<>());
    environment.getEnvironmentMap().put(HtmlMergeValues.HTML_RENDER, true);
    return environment;
  }

  /**
   * Whether the chosen template or its layout names this variable (a word of its source): lets a
   * sender skip work, a query say, that no email from it would show.
   */
  public boolean uses(ChosenTemplate chosen, String variable) {
    Pattern word = Pattern.compile("\\b" + Pattern.quote(variable) + "\\b");
    return word.matcher(template(chosen.body, chosen.bodyRevision).source()).find()
        || (chosen.layout != null
            && word.matcher(template(chosen.layout, chosen.layoutRevision).source()).find());
  }

  /**
   * Renders a template's unsaved source as {@link #render} would once it is saved: a body placed
   * into the current layout of its locale, or, when {@code name} is the layout (or one of its
   * translations), the layout itself around the {@code content} the caller gives.
   *
   * @param name the template or translation being edited: {@code welcome}, {@code welcome.fr}
   */
  public RenderedEmail preview(String name, String source, Map<String, Object> context) {
    Template template = parse(name, source).template();
    if (TemplateLocale.baseName(name).equals(LAYOUT)) {
      return email(name, template, null, null, context);
    }
    ChosenTemplate layout =
        choose(LAYOUT, TemplateLocale.ofName(name).map(TemplateLocale::tag).orElse(null));
    boolean layoutExists = layout.bodyRevision != null || shippedExists(layout.body);
    return email(name, template, layoutExists ? layout.body : null, layout.bodyRevision, context);
  }

  private boolean available(String name, Map<String, Long> revisions) {
    return revisions.containsKey(name) || shippedExists(name);
  }

  private String frame(
      String body, String layout, @Nullable Long layoutRevision, Map<String, Object> context) {
    // The context is escaped already; the body is HTML Cairn rendered, put in as it is.
    Map<String, Object> framed = new HashMap<>(context);
    framed.put("content", body);
    Template frame = template(layout, layoutRevision).template();
    try {
      return renderAlone(frame, () -> frame.renderUnguarded(framed, htmlEnvironment(), true));
    } catch (RuntimeException e) {
      throw new TemplateProblem(layout, reason(e), e);
    }
  }

  private Parsed template(String name, @Nullable Long revision) {
    if (revision == null) {
      return shipped.computeIfAbsent(name, this::load);
    }
    Revised cached = edited.get(name);
    if (cached != null && cached.revision() == revision) {
      return cached.parsed();
    }
    Optional<StoredTemplate> stored = overrides.find(name);
    if (stored.isEmpty()) {
      return shipped.computeIfAbsent(name, this::load); // reset to default a moment ago
    }
    Parsed parsed = parse(name, stored.get().source());
    edited.put(name, new Revised(stored.get().revision(), parsed));
    return parsed;
  }

  /** Renders a snippet written inline in a journey step (a subject line, for example). */
  public String renderInline(String label, String source, Map<String, Object> context) {
    return render(label, parse(label, source).template(), context);
  }

  public boolean exists(String name) {
    return shippedExists(name) || !overrides.revisions(List.of(name)).isEmpty();
  }

  /** Whether Cairn ships a template by this name, the one Reset to default brings back. */
  public boolean shippedExists(String name) {
    return shippedFiles.computeIfAbsent(
        name, file -> new ClassPathResource(LOCATION + file + ".liquid").exists());
  }

  /** The shipped template's source, whether or not it is overridden. */
  public Optional<String> shippedSource(String name) {
    return shippedExists(name) ? Optional.of(classpathSource(name)) : Optional.empty();
  }

  /**
   * Why the named template cannot be used, if it cannot: it does not exist, or it (or the shared
   * layout it is placed into) is not valid Liquid.
   */
  public Optional<TemplateDefect> check(String name) {
    if (!exists(name)) {
      return Optional.of(new TemplateDefect.Missing(name, names()));
    }
    // Read afresh, not from the render cache: a journey published right after a save on another
    // replica is checked against the saved source.
    // A translation is checked as its default is: a French contact must not be the one to find it
    // broken.
    List<String> sources = new java.util.ArrayList<>();
    sources.add(name);
    translations(name).forEach(locale -> sources.add(locale.of(name)));
    if (exists(LAYOUT)) {
      sources.add(LAYOUT);
      translations(LAYOUT).forEach(locale -> sources.add(locale.of(LAYOUT)));
    }
    return sources.stream()
        .map(source -> checkInline(source, source(source)))
        .flatMap(Optional::stream)
        .findFirst()
        .map(TemplateDefect.class::cast);
  }

  /** The locales the template is translated into, shipped or saved, sorted by tag. */
  public List<TemplateLocale> translations(String name) {
    String prefix = name + ".";
    return Stream.concat(
            shippedNames().stream(), overrides.all().stream().map(StoredTemplate::name))
        .filter(candidate -> candidate.startsWith(prefix))
        .map(TemplateLocale::ofName)
        .flatMap(Optional::stream)
        .distinct()
        .sorted(java.util.Comparator.comparing(TemplateLocale::tag))
        .toList();
  }

  /**
   * Why a snippet written inline in a step (a subject line, say) is not valid Liquid, if it is not.
   */
  public Optional<TemplateDefect.Unreadable> checkInline(String label, String source) {
    Optional<String> tooLarge = tooLarge(source);
    if (tooLarge.isPresent()) {
      return Optional.of(new TemplateDefect.Unreadable(label, null, null, tooLarge.get()));
    }
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
      // A template over Cairn's limits with no data at all is over them for every contact too.
      if (reason(e).contains(UNKNOWN_FILTER) || reason(e).contains(LIMIT_NOTE)) {
        return Optional.of(unreadable(label, null, null, reason(e)));
      }
    }
    return Optional.empty();
  }

  /**
   * The templates a step can name, sorted; the shared layout and translations are not among them.
   */
  public List<String> names() {
    return Stream.concat(
            shippedNames().stream(), overrides.all().stream().map(StoredTemplate::name))
        .filter(name -> !name.startsWith("_") && !name.contains("."))
        .collect(java.util.stream.Collectors.toCollection(TreeSet::new))
        .stream()
        .toList();
  }

  /** Every template shipped on the classpath, the layout included, sorted. */
  List<String> shippedNames() {
    try {
      return Arrays.stream(
              new PathMatchingResourcePatternResolver()
                  .getResources("classpath*:" + LOCATION + "*.liquid"))
          .map(Resource::getFilename)
          .filter(Objects::nonNull)
          .map(file -> file.substring(0, file.length() - ".liquid".length()))
          .distinct()
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TemplateDefect.Unreadable unreadable(
      String label, @Nullable Integer line, @Nullable Integer index, @Nullable String message) {
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
    return new TemplateDefect.Unreadable(
        label, line, index == null ? null : index + 1, reason.strip());
  }

  /** The source in use: the saved one, else the shipped one. */
  String source(String name) {
    return overrides.find(name).map(StoredTemplate::source).orElseGet(() -> classpathSource(name));
  }

  private String classpathSource(String name) {
    try {
      return new ClassPathResource(LOCATION + name + ".liquid")
          .getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Parsed load(String name) {
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

  private Parsed parse(String name, String source) {
    tooLarge(source)
        .ifPresent(
            reason -> {
              throw new TemplateProblem(name, reason);
            });
    try {
      return new Parsed(parser.parse(source), source);
    } catch (RuntimeException e) {
      throw new TemplateProblem(name, reason(e), e);
    }
  }

  private static Optional<String> tooLarge(String source) {
    int bytes = source.getBytes(StandardCharsets.UTF_8).length;
    return bytes > MAX_TEMPLATE_BYTES
        ? Optional.of(
            "it is "
                + bytes / 1024
                + " KB; a template may be at most "
                + MAX_TEMPLATE_BYTES / 1024
                + " KB (put large images on a web server and link them)")
        : Optional.empty();
  }

  private static String render(String name, Template template, Map<String, Object> context) {
    try {
      return renderAlone(template, () -> template.render(context));
    } catch (RuntimeException e) {
      throw new TemplateProblem(name, reason(e), e);
    }
  }

  /**
   * Why a render failed, in the marketer's words where Cairn's limits stopped it, else in liqp's:
   * the innermost reason (an include that could not be resolved says why, not just that it failed).
   */
  static String reason(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? String.valueOf(failure.getMessage()) : root.getMessage();
    if (root instanceof ExceededMaxIterationsException) {
      return "its loops run more than "
          + MAX_ITERATIONS
          + " times in one email; show fewer items ("
          + LIMIT_NOTE
          + ")";
    }
    if (message.contains("rendered string exceeds")
        || message.contains("MaxSizeRenderedString")
        || message.toLowerCase(java.util.Locale.ROOT).contains("size")) {
      return "it renders more than "
          + MAX_OUTPUT_CHARS / 1000
          + " KB of text; show fewer items ("
          + LIMIT_NOTE
          + "; mail clients clip emails long before that)";
    }
    return message;
  }

  /**
   * Renders a parsed template that other threads may be rendering too, one render at a time: liqp
   * keeps the variables of the render in progress in the template itself, so two emails rendered at
   * once from one cached template could each get the other contact's data.
   */
  private static String renderAlone(Template template, java.util.function.Supplier<String> render) {
    synchronized (template) {
      return render.get();
    }
  }
}
