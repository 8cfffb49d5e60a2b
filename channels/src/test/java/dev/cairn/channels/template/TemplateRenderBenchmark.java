package dev.cairn.channels.template;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import liqp.TemplateParser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Prints what the override lookup adds to rendering one email (the email step renders once per
 * contact): shipped templates only, the revision check with a cached parse, and no cache at all.
 * Not run with the tests: {@code ./mvnw -pl channels -am test -Dtest=TemplateRenderBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@SpringBootTest(classes = TemplateSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TemplateRenderBenchmark {

  private static final int RUNS = 3_000;

  @Autowired Templates templates;
  @Autowired TemplateLibrary library;
  @Autowired JdbcClient jdbc;

  @Test
  void rendering_an_email_with_and_without_edited_templates() throws Exception {
    jdbc.sql("delete from email_template").update();
    String layout =
        Files.readString(Path.of("../journeys/src/main/resources/cairn/templates/_layout.liquid"));
    String welcome =
        Files.readString(Path.of("../journeys/src/main/resources/cairn/templates/welcome.liquid"));
    Map<String, Object> fields =
        MergeFields.of(
            new ContactProfile(
                new ContactId(UUID.randomUUID()),
                "u-1",
                null,
                "ann@example.com",
                null,
                "Ann",
                null,
                Map.of(),
                Instant.EPOCH,
                Instant.EPOCH,
                null),
            Map.of("trigger", Map.of("event", "Signed Up", "properties", Map.of("plan", "Pro"))));
    Templates shippedOnly = Templates.shippedOnly();

    print("shipped only, no database (before)", () -> shippedOnly.render("greeting", fields));
    print("database lookup, nothing edited", () -> templates.render("greeting", fields));
    library.save("welcome", welcome, "bench");
    library.save(Templates.LAYOUT, layout, "bench");
    print(
        "edited welcome + layout, revision check, cached parse",
        () -> templates.render("welcome", fields));
    DatabaseTemplateOverrides overrides = new DatabaseTemplateOverrides(jdbc);
    TemplateParser parser = new TemplateParser.Builder().build();
    print(
        "edited welcome + layout, no cache (read + parse every time)",
        () -> {
          String body =
              parser.parse(overrides.find("welcome").orElseThrow().source()).render(fields);
          Map<String, Object> framed = new java.util.HashMap<>(fields);
          framed.put("content", body);
          return parser
              .parse(overrides.find(Templates.LAYOUT).orElseThrow().source())
              .render(framed);
        });
    print(
        "the revision query alone",
        () -> overrides.revisions(java.util.List.of("welcome", Templates.LAYOUT)).toString());
    jdbc.sql("delete from email_template").update();
  }

  private static void print(String label, Supplier<String> render) {
    for (int i = 0; i < 500; i++) {
      render.get();
    }
    long[] micros = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      render.get();
      micros[i] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(micros);
    System.out.printf(
        "%-62s median %5d µs   p99 %6d µs%n", label, micros[RUNS / 2], micros[RUNS * 99 / 100]);
  }
}
