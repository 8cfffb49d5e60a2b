package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cairn killed outright (SIGKILL, no shutdown) while it is sending, twice, then started again:
 * every contact who signed up gets their welcome email, and nobody gets it twice. The sign-ups keep
 * coming the whole time from a client that retries what failed, as Segment's libraries do.
 *
 * <p>Cairn runs as a process of its own here (the same application, started from this test's class
 * path), since killing it is the point. Every process it starts is stopped by its pid when the test
 * ends, pass or fail.
 */
class CrashRecoveryTest {

  private static final String KEY = "wk_crash";
  private static final int SIGN_UPS = 240;
  private static final int PER_BATCH = 8;
  private static final Duration PATIENCE = Duration.ofMinutes(4);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<ProcessHandle> started = new ArrayList<>();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private GreenMail smtp;
  private Path dataDir;
  private Path logs;
  private int port;

  @BeforeEach
  void start() throws IOException {
    smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    dataDir =
        Files.createDirectories(Path.of("target", "test-data", "crash-" + run)).toAbsolutePath();
    logs = Files.createDirectories(dataDir.resolve("test-logs"));
    port = freePort();
  }

  @AfterEach
  void stopEverything() {
    // Cairn, and the database each Cairn left behind when it was killed.
    for (ProcessHandle process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    // PostgreSQL detaches from the process that started it; its pid file names it.
    pidIn(dataDir.resolve("postgres").resolve("postmaster.pid"))
        .flatMap(ProcessHandle::of)
        .ifPresent(ProcessHandle::destroyForcibly);
    smtp.stop();
  }

  @Test
  void killing_cairn_while_it_sends_neither_loses_nor_duplicates_an_email() throws Exception {
    Process first = startCairn(1);
    AtomicBoolean signingUp = new AtomicBoolean(true);
    Thread client = Thread.ofPlatform().name("sign-ups").start(() -> signUpEveryone(signingUp));

    awaitReceived(SIGN_UPS / 6);
    kill(first);
    Process second = startCairn(2);

    awaitReceived(SIGN_UPS / 2);
    kill(second);
    Process third = startCairn(3);

    client.join(PATIENCE.toMillis());
    assertThat(client.isAlive()).as("the sign-up client got every batch stored").isFalse();
    awaitSmtp().pollInterval(Duration.ofSeconds(1)).until(() -> welcomedUsers().size() == SIGN_UPS);
    Thread.sleep(5_000); // time for a late second copy to show, should there be one

    Map<String, Set<String>> messageIdsByRecipient = messageIdsByRecipient();
    assertThat(messageIdsByRecipient).hasSize(SIGN_UPS);
    assertThat(
            messageIdsByRecipient.entrySet().stream().filter(entry -> entry.getValue().size() > 1))
        .as("contacts who got more than one welcome email")
        .isEmpty();
    int copies = smtp.getReceivedMessages().length;
    System.out.printf(
        "Crash recovery: %d sign-ups, 2 kills, %d welcome emails received, %d handed over again with the same Message-ID%n",
        SIGN_UPS, copies, copies - SIGN_UPS);

    signingUp.set(false);
    third.destroy(); // a clean stop: Cairn stops its database
    assertThat(third.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }

  /** Sends every sign-up in batches, retrying a batch (same message ids) until Cairn takes it. */
  private void signUpEveryone(AtomicBoolean signingUp) {
    for (int from = 0; from < SIGN_UPS && signingUp.get(); from += PER_BATCH) {
      String batch = batch(from, Math.min(SIGN_UPS, from + PER_BATCH));
      while (signingUp.get() && !stored(batch)) {
        pause(Duration.ofMillis(500));
      }
      pause(Duration.ofMillis(150));
    }
  }

  private String batch(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(
            i ->
                """
                {"type":"track","messageId":"%s-signup-%d","userId":"%s","event":"Signed Up",
                 "traits":{"email":"%s@example.com","firstName":"Crash %d"}}"""
                    .formatted(run, i, user(i), user(i), i))
        .collect(Collectors.joining(",", "{\"batch\":[", "]}"));
  }

  private String user(int i) {
    return "crash-" + run + "-" + i;
  }

  private boolean stored(String batch) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/batch"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(batch))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (IOException e) {
      return false; // Cairn is down or starting: try again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Process startCairn(int generation) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            CairnApplication.class.getName(),
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--cairn.data-dir=" + dataDir,
            "--cairn.demo.enabled=false",
            "--cairn.api.write-key=" + KEY,
            "--cairn.admin.password=crash-test",
            "--cairn.database.embedded.port=0",
            "--cairn.mail.host=127.0.0.1",
            "--cairn.mail.port=" + smtp.getSmtp().getPort(),
            "--cairn.mail.security=NONE",
            "--cairn.mail.from=Acme <hello@acme.test>",
            "--cairn.engine.step-lock=PT5S");
    Path log = logs.resolve("cairn-" + generation + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(process.toHandle());
    return process;
  }

  /** SIGKILL, as the kernel's OOM killer or a pulled plug does: no shutdown hook runs. */
  private void kill(Process cairn) throws InterruptedException {
    started.addAll(cairn.toHandle().descendants().toList()); // its database lives on
    cairn.destroyForcibly();
    cairn.waitFor();
  }

  private void awaitReceived(int count) {
    awaitSmtp()
        .pollInterval(Duration.ofMillis(100))
        .until(() -> smtp.getReceivedMessages().length >= count);
  }

  /**
   * Waiting on the SMTP server. Killing Cairn mid-conversation resets its SMTP connections, which
   * ends the server's handler thread with an uncaught exception: expected here, so not the failure
   * Awaitility would otherwise make of it.
   */
  private static org.awaitility.core.ConditionFactory awaitSmtp() {
    return await().atMost(PATIENCE).dontCatchUncaughtExceptions();
  }

  private Set<String> welcomedUsers() {
    return messageIdsByRecipient().keySet();
  }

  private Map<String, Set<String>> messageIdsByRecipient() {
    Map<String, Set<String>> byRecipient = new TreeMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        String to = message.getAllRecipients()[0].toString();
        byRecipient.computeIfAbsent(to, key -> new TreeSet<>()).add(message.getMessageID());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return byRecipient;
  }

  private static java.util.Optional<Long> pidIn(Path pidFile) {
    try {
      return Files.isRegularFile(pidFile)
          ? Files.readAllLines(pidFile).stream().findFirst().map(String::strip).map(Long::valueOf)
          : java.util.Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
