package dev.cairn.engine.journey.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.journey.JourneyProperties;
import dev.cairn.engine.journey.compile.CompileResult;
import dev.cairn.engine.journey.compile.JourneyCompiler;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake a marketer can make, one small diagram each in {@code journeys/invalid/}, with the
 * problems it must produce written in the file: {@code <!-- expect: element-id | message -->}
 * ({@code -} for the whole diagram; a message ending in {@code ...} is matched by its start). The
 * diagrams are drawn in a workspace that declared a few attributes ({@link #DECLARED}).
 */
class InvalidJourneyCatalogueTest {

  /**
   * Declared attributes, named by no diagram that predates their types: every other trait is
   * untyped.
   */
  private static final AttributeSchema DECLARED =
      new AttributeSchema(
          Map.of(
              "lifetime_value", AttributeType.NUMBER,
              "birthday", AttributeType.DATE,
              "renewal_date", AttributeType.DATE,
              "vip_since", AttributeType.STRING,
              "vip", AttributeType.BOOLEAN,
              "interests", AttributeType.LIST));

  private static final Path CATALOGUE = Path.of("src/test/resources/journeys/invalid");
  private static final Pattern EXPECT = Pattern.compile("<!-- expect: (.+?) \\| (.+?) -->");

  private final JourneyCompiler compiler =
      new JourneyCompiler(
          List.of(
              new EmailStep(),
              new UpdateContactStep(),
              new ListStep(Set.of("newsletter", "beta-testers")),
              new HeadersOnlyStep(
                  "cairn.webhook", "Call webhook", Map.of("url", "the web address to call (url)")),
              SMS_STEP,
              new HeadersOnlyStep(
                  "cairn.notify",
                  "Notify a team member",
                  Map.of(
                      "to",
                      "the email address of a team member to notify (to)",
                      "subject",
                      "a subject",
                      "text",
                      "a text to send"))),
          new JourneyProperties(null, null, null),
          () -> DECLARED);

  static Stream<Path> diagrams() throws IOException {
    return Files.list(CATALOGUE).filter(path -> path.toString().endsWith(".bpmn")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagrams")
  void each_invalid_diagram_is_refused_with_its_problems_in_plain_words(Path diagram)
      throws IOException {
    String xml = Files.readString(diagram, StandardCharsets.UTF_8);
    List<Problem> expected = expectations(xml);
    assertThat(expected).as("expectations in %s", diagram.getFileName()).isNotEmpty();

    CompileResult result = compiler.compile(xml);

    assertThat(result)
        .as(diagram.getFileName().toString())
        .isInstanceOf(CompileResult.Rejected.class);
    List<Problem> actual = ((CompileResult.Rejected) result).problems();
    assertThat(unmatched(expected, actual))
        .as("%s: expected %s but got %s", diagram.getFileName(), expected, actual)
        .isEmpty();
  }

  @Test
  void the_catalogue_covers_at_least_thirty_mistakes() throws IOException {
    try (Stream<Path> diagrams = diagrams()) {
      assertThat(diagrams.count()).isGreaterThanOrEqualTo(30);
    }
  }

  @Test
  void the_library_journeys_compile_without_problems() throws IOException {
    assertLibraryCompiles(AttributeSchema.none());
  }

  @Test
  void the_library_journeys_compile_where_the_attributes_they_use_are_declared_with_their_types()
      throws IOException {
    assertLibraryCompiles(
        new AttributeSchema(
            Map.of(
                "birthday",
                AttributeType.DATE,
                "reorder_date",
                AttributeType.DATE,
                "lead_stage",
                AttributeType.STRING)));
  }

  private static void assertLibraryCompiles(AttributeSchema declared) throws IOException {
    JourneyCompiler library =
        new JourneyCompiler(
            List.of(new EmailStep(libraryTemplates()), new UpdateContactStep(), SMS_STEP),
            new JourneyProperties(null, null, null),
            () -> declared);
    List<Path> journeys;
    try (Stream<Path> files = Files.list(LIBRARY.resolve("journeys"))) {
      journeys = files.filter(path -> path.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(journeys)
        .extracting(path -> path.getFileName().toString())
        .contains("welcome.bpmn", "abandoned-cart.bpmn", "birthday.bpmn");

    for (Path journey : journeys) {
      CompileResult result = library.compile(Files.readString(journey, StandardCharsets.UTF_8));

      assertThat(result)
          .as("%s: %s", journey.getFileName(), result)
          .isInstanceOf(CompileResult.Compiled.class);
    }
  }

  private static final HeadersOnlyStep SMS_STEP =
      new HeadersOnlyStep("cairn.sms", "Send SMS", Map.of("text", "the text to send"));

  private static final Path LIBRARY = Path.of("../journeys/src/main/resources/cairn");

  /**
   * The library's own templates, the shared layout left out (it is not a template a step can name).
   */
  private static SortedSet<String> libraryTemplates() throws IOException {
    try (Stream<Path> files = Files.list(LIBRARY.resolve("templates"))) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".liquid") && !name.startsWith("_"))
          .map(name -> name.substring(0, name.length() - ".liquid".length()))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  private static List<Problem> expectations(String xml) {
    List<Problem> expected = new ArrayList<>();
    Matcher matcher = EXPECT.matcher(xml);
    while (matcher.find()) {
      String element = matcher.group(1);
      expected.add(new Problem(element.equals("-") ? null : element, matcher.group(2)));
    }
    return expected;
  }

  /**
   * Pairs each expected problem with one actual problem; whatever is left over on either side is a
   * mismatch.
   */
  private static List<String> unmatched(List<Problem> expected, List<Problem> actual) {
    List<Problem> left = new ArrayList<>(actual);
    List<String> mismatches = new ArrayList<>();
    for (Problem wanted : expected) {
      Problem found =
          left.stream().filter(problem -> matches(wanted, problem)).findFirst().orElse(null);
      if (found == null) {
        mismatches.add("missing " + wanted);
      } else {
        left.remove(found);
      }
    }
    left.forEach(extra -> mismatches.add("unexpected " + extra));
    return mismatches;
  }

  private static boolean matches(Problem wanted, Problem problem) {
    if (!Objects.equals(wanted.elementId(), problem.elementId())) {
      return false;
    }
    return wanted.message().endsWith("...")
        ? problem.message().startsWith(wanted.message().substring(0, wanted.message().length() - 3))
        : problem.message().equals(wanted.message());
  }

  /**
   * A channel step (call webhook, notify a team member) as far as the engine's own checks go: its
   * required headers, in the step's words. What the step itself says about their values is tested
   * with the step, in channels.
   */
  private record HeadersOnlyStep(String type, String displayName, Map<String, String> required)
      implements StepHandler {
    @Override
    public Set<String> requiredHeaders() {
      return required.keySet();
    }

    @Override
    public String describe(String header) {
      return required.get(header);
    }

    @Override
    public StepResult perform(Step step) {
      return StepResult.Completed.empty();
    }
  }

  /**
   * The update-contact step as far as validation goes: the real rule on which attributes it may
   * set.
   */
  private static final class UpdateContactStep implements StepHandler {
    @Override
    public String type() {
      return "cairn.update-contact";
    }

    @Override
    public String displayName() {
      return "Update contact";
    }

    @Override
    public Set<String> requiredHeaders() {
      return Set.of("attribute", "value");
    }

    @Override
    public List<String> problems(Map<String, String> headers) {
      return dev.cairn.engine.contact.Contacts.unsettable(headers.get("attribute")).stream()
          .toList();
    }

    @Override
    public StepResult perform(Step step) {
      return StepResult.Completed.empty();
    }
  }

  /**
   * The list step as far as validation goes: the real rules on its headers, against a fixed set of
   * lists.
   */
  private record ListStep(Set<String> lists) implements StepHandler {
    @Override
    public String type() {
      return dev.cairn.engine.list.ListStepHeaders.TYPE;
    }

    @Override
    public String displayName() {
      return "Add to list / remove from list";
    }

    @Override
    public Set<String> requiredHeaders() {
      return Set.of("list", "action");
    }

    @Override
    public String describe(String header) {
      return header.equals("action") ? "an action (add or remove)" : "a list";
    }

    @Override
    public List<String> problems(Map<String, String> headers) {
      return dev.cairn.engine.list.ListStepHeaders.problems(headers, lists::contains);
    }

    @Override
    public StepResult perform(Step step) {
      return StepResult.Completed.empty();
    }
  }

  /**
   * The email step as far as validation goes: a template (and subject) is required, and the
   * template must be one of a fixed set.
   */
  private static final class EmailStep implements StepHandler {
    private final SortedSet<String> templates;

    EmailStep() {
      this(
          new TreeSet<>(
              List.of(
                  "welcome",
                  "first-order-thanks",
                  "first-order-nudge",
                  "cart-reminder",
                  "cart-discount")));
    }

    EmailStep(SortedSet<String> templates) {
      this.templates = templates;
    }

    @Override
    public String type() {
      return "cairn.email";
    }

    @Override
    public String displayName() {
      return "Send email";
    }

    @Override
    public Set<String> requiredHeaders() {
      return Set.of("template", "subject");
    }

    @Override
    public List<String> problems(Map<String, String> headers) {
      return templates.contains(headers.get("template"))
          ? List.of()
          : List.of(
              "the template \""
                  + headers.get("template")
                  + "\" does not exist; pick one of: "
                  + String.join(", ", templates)
                  + ".");
    }

    @Override
    public StepResult perform(Step step) {
      return StepResult.Completed.empty();
    }
  }
}
