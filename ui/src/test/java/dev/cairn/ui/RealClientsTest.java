package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tracking libraries people already use, unchanged and with their default settings (gzip on for
 * RudderStack), deliver 1,000 calls each with none lost. Runs {@code docs/clients/send.mjs} with
 * the Node.js the build downloads; skipped when Node.js or the npm packages are not available.
 */
class RealClientsTest extends CairnIntegrationTest {

  private static final int CALLS = 1_000;
  private static final Path NODE_HOME =
      Path.of(System.getProperty("user.home"), ".cache", "cairn", "node-24.17.0", "bin");
  private static final Path CLIENTS = Path.of("target", "real-clients");

  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void installTheClients() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(NODE_HOME.resolve("node")), "Node.js is not at " + NODE_HOME);
    Files.createDirectories(CLIENTS);
    for (String file : List.of("package.json", "send.mjs")) {
      Files.copy(
          Path.of("..", "docs", "clients", file),
          CLIENTS.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(CLIENTS.resolve("node_modules/@segment/analytics-node"))
        || !Files.isDirectory(CLIENTS.resolve("node_modules/@rudderstack/rudder-sdk-node"))) {
      int installed =
          run(
              List.of(
                  NODE_HOME.resolve("node").toString(),
                  NODE_HOME.resolve("npm").toString(),
                  "install",
                  "--no-audit",
                  "--no-fund"),
              Duration.ofMinutes(3));
      Assumptions.assumeTrue(installed == 0, "npm could not install the tracking clients");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rudderstack", "segment"})
  void a_real_client_delivers_a_thousand_calls_with_none_lost(String library) throws Exception {
    String runId = library + "-" + UUID.randomUUID();

    int exit =
        run(
            List.of(
                NODE_HOME.resolve("node").toString(),
                "send.mjs",
                library,
                "http://127.0.0.1:" + port,
                WRITE_KEY,
                runId,
                String.valueOf(CALLS)),
            Duration.ofMinutes(2));

    assertThat(exit).as(library + " reported failed calls (see the test output)").isZero();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql(
                                "select count(*) from contact_event where properties->>'run' = :run")
                            .param("run", runId)
                            .query(Long.class)
                            .single())
                    .isEqualTo(CALLS));
  }

  /** Runs a command in the clients' folder; stops it, by its PID, if it outlasts the limit. */
  private static int run(List<String> command, Duration limit)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(CLIENTS.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        return -1;
      }
      return process.exitValue();
    } finally {
      ProcessHandle handle = process.toHandle();
      handle.descendants().forEach(ProcessHandle::destroyForcibly);
      handle.destroyForcibly();
    }
  }
}
