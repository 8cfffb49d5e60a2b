package dev.cairn.engine.journey;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake a marketer can make, one small diagram each in {@code journeys/invalid/}, with the
 * problems it must produce written in the file: {@code <!-- expect: element-id | message -->}
 * ({@code -} for the whole diagram; a message ending in {@code ...} is matched by its start).
 */
class InvalidJourneyCatalogueTest {

  private static final Path CATALOGUE = Path.of("src/test/resources/journeys/invalid");
  private static final Pattern EXPECT = Pattern.compile("<!-- expect: (\\S+) \\| (.+?) -->");

  private final JourneyCompiler compiler = new JourneyCompiler(List.of(new EmailStep(), new UpdateContactStep()), new JourneyProperties(null, null));

  static Stream<Path> diagrams() throws IOException {
    return Files.list(CATALOGUE).filter(path -> path.toString().endsWith(".bpmn")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagrams")
  void each_invalid_diagram_is_refused_with_its_problems_in_plain_words(Path diagram) throws IOException {
    String xml = Files.readString(diagram, StandardCharsets.UTF_8);
    List<Problem> expected = expectations(xml);
    assertThat(expected).as("expectations in %s", diagram.getFileName()).isNotEmpty();

    CompileResult result = compiler.compile(xml);

    assertThat(result).as(diagram.getFileName().toString()).isInstanceOf(CompileResult.Rejected.class);
    List<Problem> actual = ((CompileResult.Rejected) result).problems();
    assertThat(actual).as("problems of %s", diagram.getFileName()).hasSameSizeAs(expected);
    for (Problem wanted : expected) {
      assertThat(actual)
          .as("%s should report %s", diagram.getFileName(), wanted)
          .anySatisfy(problem -> {
            assertThat(problem.elementId()).isEqualTo(wanted.elementId());
            if (wanted.message().endsWith("...")) {
              assertThat(problem.message()).startsWith(wanted.message().substring(0, wanted.message().length() - 3));
            } else {
              assertThat(problem.message()).isEqualTo(wanted.message());
            }
          });
    }
  }

  @Test
  void the_catalogue_covers_at_least_thirty_mistakes() throws IOException {
    assertThat(diagrams().count()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void the_library_journeys_compile_without_problems() throws IOException {
    for (String name : List.of("welcome", "abandoned-cart")) {
      String xml = Files.readString(Path.of("../journeys/src/main/resources/cairn/journeys/" + name + ".bpmn"), StandardCharsets.UTF_8);

      assertThat(compiler.compile(xml)).as(name).isInstanceOf(CompileResult.Compiled.class);
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

  /** The update-contact step as far as validation goes: the real rule on which attributes it may set. */
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
      return dev.cairn.engine.contact.Contacts.unsettable(headers.get("attribute")).stream().toList();
    }

    @Override
    public StepResult perform(Step step) {
      return StepResult.Completed.empty();
    }
  }

  /** The email step as far as validation goes: a template is required and must exist. */
  private static final class EmailStep implements StepHandler {
    private static final Set<String> TEMPLATES = Set.of("welcome", "first-order-thanks", "first-order-nudge", "cart-reminder", "cart-discount");

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
      return TEMPLATES.contains(headers.get("template")) ? List.of() : List.of("the template \"" + headers.get("template") + "\" does not exist.");
    }

    @Override
    public StepResult perform(Step step) {
      return StepResult.Completed.empty();
    }
  }
}
