package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cairn.channels.template.TemplateProblem;
import dev.cairn.channels.template.Templates;
import dev.cairn.engine.imports.ContactImport;
import dev.cairn.engine.imports.DedupeKey;
import dev.cairn.engine.imports.ImportPlan;
import dev.cairn.engine.imports.ImportReport;
import dev.cairn.engine.imports.InvalidImportException;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.Revision;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bad-input catalogue ({@code src/test/resources/bad-input/*.json}, listed in {@code
 * docs/bad-input.md}): every case is replayed against the running application and must be answered
 * with the status and a message saying what is wrong, with nothing half-stored.
 */
class BadInputCatalogueTest extends CairnIntegrationTest {

  private static final Path CATALOGUE = Path.of("src", "test", "resources", "bad-input");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z]+)(?::([^}]*))?}");

  @Autowired JdbcClient jdbc;
  @Autowired Templates templates;
  @Autowired ContactImport imports;
  @Autowired Journeys journeys;

  /** One case of the catalogue: its file (the group) and its fields. */
  record Case(String group, JsonNode fields) {
    @Override
    public String toString() {
      return group + ": " + fields.get("name").asString();
    }

    String text(String field) {
      JsonNode value = fields.get(field);
      return value == null ? "" : value.asString();
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(CATALOGUE)) {
      for (Path file : files.sorted().toList()) {
        String group = file.getFileName().toString().replace(".json", "");
        for (JsonNode fields : JSON.readTree(Files.readString(file))) {
          cases.add(new Case(group, fields));
        }
      }
    }
    return cases.stream();
  }

  @Test
  void the_catalogue_has_at_least_sixty_cases() throws IOException {
    assertThat(cases().count()).isGreaterThanOrEqualTo(60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void each_bad_input_is_refused_with_a_clear_message_and_nothing_half_stored(Case badInput)
      throws Exception {
    if (badInput.fields().has("path")) {
      replayHttp(badInput);
    } else if (badInput.fields().has("csv")) {
      replayCsv(badInput);
    } else if (badInput.fields().has("template")) {
      replayTemplate(badInput);
    } else if (badInput.fields().has("bpmn")) {
      replayBpmn(badInput);
    } else {
      throw new AssertionError(badInput + " names no path, csv, template or bpmn");
    }
  }

  private void replayHttp(Case badInput) throws Exception {
    long lists = count("contact_list");
    byte[] body = expand(badInput.text("body"));
    String encoding = badInput.text("encoding");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + badInput.text("path")))
            .header("Content-Type", "application/json");
    switch (badInput.fields().path("auth").asString("valid")) {
      case "valid" -> request.header("Authorization", basic(WRITE_KEY));
      case "wrong" -> request.header("Authorization", basic("wk_not_a_key"));
      case "garbage" -> request.header("Authorization", "Basic !!!not-base64!!!");
      default -> {}
    }
    switch (encoding) {
      case "gzip" -> {
        request.header("Content-Encoding", "gzip");
        body = badInput.text("body").startsWith("${bomb") ? body : gzip(body);
      }
      case "gzip-claimed" -> request.header("Content-Encoding", "gzip");
      case "gzip-truncated" -> {
        request.header("Content-Encoding", "gzip");
        byte[] packed = gzip(body);
        body = Arrays.copyOf(packed, packed.length / 2);
      }
      case "" -> {}
      default -> request.header("Content-Encoding", encoding);
    }
    HttpResponse<String> response =
        HTTP.send(
            request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode())
        .as("%s answered %s", badInput, response.body())
        .isEqualTo(badInput.fields().get("status").asInt());
    assertThat(response.body()).as(badInput.toString()).contains(badInput.text("says"));
    if (!badInput.text("stores").equals("with warnings")) {
      assertThat(count("contact where external_id like 'u-bad%'"))
          .as("%s stored a contact", badInput)
          .isZero();
      assertThat(count("contact_list")).as("%s stored a list", badInput).isEqualTo(lists);
    }
    if (response.statusCode() == 200 && badInput.text("path").equals("/v1/batch")) {
      assertThat(JSON.readTree(response.body()).get("stored").asInt()).isZero();
    }
  }

  private void replayCsv(Case badInput) {
    String csv = expandText(badInput.text("csv"));
    Throwable refused =
        catchThrowable(
            () -> {
              var inspection = imports.inspect(stream(csv));
              ImportReport report =
                  imports.run(
                      stream(csv),
                      "catalogue.csv",
                      new ImportPlan(
                          new ArrayList<>(inspection.guessed()), DedupeKey.EMAIL, "catalogue"),
                      done -> {});
              assertThat(report.created() + report.updated())
                  .as("%s imported a row", badInput)
                  .isZero();
              assertThat(report.rejected())
                  .as(badInput.toString())
                  .singleElement()
                  .extracting(ImportReport.RejectedRow::reason)
                  .asString()
                  .contains(badInput.text("says"));
            });
    if (badInput.fields().has("refused")) {
      assertThat(refused)
          .as(badInput.toString())
          .isInstanceOf(InvalidImportException.class)
          .hasMessageContaining(badInput.text("refused"))
          .hasMessageNotContaining("SQL");
    } else if (refused != null) {
      throw new AssertionError(badInput + " failed", refused);
    }
  }

  private void replayTemplate(Case badInput) {
    Throwable refused =
        catchThrowable(
            () -> templates.preview("catalogue", badInput.text("template"), java.util.Map.of()));

    assertThat(refused)
        .as(badInput.toString())
        .isInstanceOf(TemplateProblem.class)
        .hasMessageContaining(badInput.text("says"))
        .hasMessageNotContaining("root:");
  }

  private void replayBpmn(Case badInput) {
    long journeyCount = count("journey");

    Revision revision = journeys.saveDiagram(null, badInput.text("bpmn"));

    assertThat(revision).as(badInput.toString()).isInstanceOf(Revision.Refused.class);
    String reason = ((Revision.Refused) revision).reason();
    assertThat(reason).as(badInput.toString()).isNotBlank().contains(badInput.text("says"));
    assertThat(reason).doesNotContain("root:").doesNotContain("lollollol");
    assertThat(count("journey")).as("%s stored a journey", badInput).isEqualTo(journeyCount);
  }

  /** The body with its placeholders filled in: repeats, deep nesting, a gzip bomb. */
  private static byte[] expand(String body) throws IOException {
    Matcher bomb = Pattern.compile("^\\$\\{bomb:(\\d+)}$").matcher(body);
    if (bomb.matches()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
        out.write("{\"name\":\"".getBytes(StandardCharsets.UTF_8));
        byte[] spaces = new byte[1 << 20];
        Arrays.fill(spaces, (byte) ' ');
        for (int i = 0; i < Integer.parseInt(bomb.group(1)); i++) {
          out.write(spaces);
        }
        out.write("\"}".getBytes(StandardCharsets.UTF_8));
      }
      return bytes.toByteArray();
    }
    return expandText(body).getBytes(StandardCharsets.UTF_8);
  }

  private static String expandText(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder expanded = new StringBuilder();
    while (matcher.find()) {
      String[] args = matcher.group(2) == null ? new String[0] : matcher.group(2).split(":");
      String value =
          switch (matcher.group(1)) {
            case "repeat" -> args[0].repeat(Integer.parseInt(args[1]));
            case "nest" ->
                "{\"userId\":\"u-bad\",\"event\":\"E\",\"properties\":"
                    + "{\"a\":".repeat(Integer.parseInt(args[0]))
                    + "1"
                    + "}".repeat(Integer.parseInt(args[0]))
                    + "}";
            case "id" -> UUID.randomUUID().toString();
            default -> throw new IllegalArgumentException("unknown placeholder " + matcher.group());
          };
      matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(expanded);
    // The data files write a NUL as the six characters backslash-u-0000 where it must reach a CSV
    // raw.
    return expanded.toString();
  }

  private static ByteArrayInputStream stream(String csv) {
    return new ByteArrayInputStream(
        csv.replace("\\u0000", "\u0000").getBytes(StandardCharsets.UTF_8));
  }

  private static String basic(String key) {
    return "Basic "
        + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
