package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cairn.engine.cluster.ReplicaLocks;
import dev.cairn.engine.database.DatabaseConnection;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Cairn replicas on one PostgreSQL share the journeys' work: sign-ups sent to either are
 * welcomed once each, by whichever replica took the step; when one replica stops mid-work the other
 * finishes what it left, and still nobody gets a welcome twice. Background work that must run alone
 * (schedules, segment refreshes) runs on one replica at a time.
 */
class TwoReplicasTest {

  private static final String KEY = "wk_replicas";
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String WELCOME = "Welcome aboard";

  private final HttpClient http = HttpClient.newHttpClient();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
  private GreenMail smtp;
  private Path dataDir;

  /**
   * The JVM-wide security context holder as the suite's shared application set it: each replica
   * started here replaces it with its own, which the shared application must not be left with.
   */
  private final org.springframework.security.core.context.SecurityContextHolderStrategy
      suiteSecurityContexts =
          org.springframework.security.core.context.SecurityContextHolder
              .getContextHolderStrategy();

  @BeforeEach
  void startSmtp() throws IOException {
    smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    dataDir =
        Files.createDirectories(Path.of("target", "test-data", "replicas-" + run)).toAbsolutePath();
  }

  @AfterEach
  void stopEverything() {
    // The replica holding the embedded database last, so the other can still leave cleanly.
    for (ConfigurableApplicationContext replica : replicas.reversed()) {
      replica.close();
    }
    smtp.stop();
    org.springframework.security.core.context.SecurityContextHolder.setContextHolderStrategy(
        suiteSecurityContexts);
  }

  @Test
  void two_replicas_welcome_every_sign_up_once_and_one_finishes_what_the_other_left_when_it_stops()
      throws Exception {
    ConfigurableApplicationContext a = startFirst();
    ConfigurableApplicationContext b = startSecond(a.getBean(DatabaseConnection.class));

    // Sign-ups to both replicas, half each.
    List<String> first = users("first", 60);
    for (int i = 0; i < first.size(); i++) {
      signUp(i % 2 == 0 ? a : b, first.get(i));
    }
    Map<String, List<String>> welcomes = awaitWelcomes(first);
    assertThat(welcomes).allSatisfy((user, senders) -> assertThat(senders).as(user).hasSize(1));
    // Both replicas took steps.
    assertThat(welcomes.values().stream().flatMap(List::stream).distinct())
        .containsExactlyInAnyOrder("a@replicas.test", "b@replicas.test");

    // Sign-ups to the second replica, which stops while it handles them.
    List<String> second = users("second", 60);
    CompletableFuture<Void> sent =
        CompletableFuture.runAsync(() -> second.forEach(user -> signUp(b, user)));
    await().atMost(PATIENCE).until(() -> welcomedCount(second) >= 5);
    b.close();
    sent.exceptionally(stoppedMidWay -> null).join();
    // Those the second replica took in before it stopped are welcomed by the first.
    List<String> accepted = second.stream().filter(this::known).toList();
    assertThat(accepted).hasSizeGreaterThanOrEqualTo(5);
    Map<String, List<String>> afterStop = awaitWelcomes(accepted);
    assertThat(afterStop).allSatisfy((user, senders) -> assertThat(senders).as(user).hasSize(1));
  }

  @Test
  void background_work_that_must_run_alone_runs_on_one_replica_at_a_time() throws Exception {
    ConfigurableApplicationContext a = startFirst();
    ConfigurableApplicationContext b = startSecond(a.getBean(DatabaseConnection.class));
    ReplicaLocks onA = a.getBean(ReplicaLocks.class);
    ReplicaLocks onB = b.getBean(ReplicaLocks.class);
    String work = "replica-test-" + run;

    // Threads of their own: the common pool may have a single thread on a small machine.
    ExecutorService threads = Executors.newCachedThreadPool();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> onFirst =
        CompletableFuture.supplyAsync(
            () ->
                onA.runAlone(
                    work,
                    Duration.ZERO,
                    () -> {
                      running.countDown();
                      awaitQuietly(release);
                    }),
            threads);
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(
            CompletableFuture.supplyAsync(
                    () -> onB.runAlone(work, Duration.ZERO, () -> {}), threads)
                .get(30, TimeUnit.SECONDS))
        .as("the second replica while the first runs it")
        .isFalse();
    release.countDown();
    assertThat(onFirst.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(
            CompletableFuture.supplyAsync(
                    () -> onB.runAlone(work, Duration.ZERO, () -> {}), threads)
                .get(30, TimeUnit.SECONDS))
        .as("the second replica once the first is done")
        .isTrue();
    threads.shutdownNow();
  }

  private ConfigurableApplicationContext startFirst() {
    return start("a", "--cairn.database.embedded.port=0");
  }

  private ConfigurableApplicationContext startSecond(DatabaseConnection database) {
    return start(
        "b",
        "--cairn.database.mode=external",
        "--spring.datasource.url=" + database.jdbcUrl(),
        "--spring.datasource.username=" + database.user(),
        "--spring.datasource.password=" + (database.password() == null ? "" : database.password()));
  }

  private ConfigurableApplicationContext start(String name, String... database) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--cairn.data-dir=" + dataDir.resolve(name),
                "--cairn.demo.enabled=false",
                "--cairn.api.write-key=" + KEY,
                "--cairn.admin.password=replicas-test",
                "--cairn.mail.host=127.0.0.1",
                "--cairn.mail.port=" + smtp.getSmtp().getPort(),
                "--cairn.mail.security=NONE",
                // Each replica signs its emails, so the test sees who sent which.
                "--cairn.mail.from=Replica " + name + " <" + name + "@replicas.test>",
                "--cairn.engine.node-name=replica-" + name,
                // A stopped replica's unfinished steps are taken again soon.
                "--cairn.engine.step-lock=PT5S"));
    args.addAll(Arrays.asList(database));
    ConfigurableApplicationContext replica =
        new SpringApplicationBuilder(CairnApplication.class).run(args.toArray(String[]::new));
    replicas.add(replica);
    return replica;
  }

  private List<String> users(String batch, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "replicas-" + batch + "-" + run + "-" + i)
        .toList();
  }

  private void signUp(ConfigurableApplicationContext replica, String user) {
    String body =
        "{\"userId\":\"%s\",\"event\":\"Signed Up\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"Ann\"}}"
            .formatted(user, user);
    String port = replica.getEnvironment().getProperty("local.server.port");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/track"))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether the surviving replica knows the user: the stopped one stored their sign-up. */
  private boolean known(String user) {
    return replicas
        .getFirst()
        .getBean(dev.cairn.engine.contact.Contacts.class)
        .findByUserId(user)
        .isPresent();
  }

  /**
   * Waits until every user has a welcome, then a little longer for any second one; who sent each.
   */
  private Map<String, List<String>> awaitWelcomes(List<String> users) throws InterruptedException {
    await().atMost(PATIENCE).until(() -> welcomedCount(users) == users.size());
    // A step performed twice would send its second email within its lock time.
    Thread.sleep(Duration.ofSeconds(6));
    Map<String, List<String>> senders =
        welcomes().stream()
            .filter(welcome -> users.contains(welcome.user()))
            .collect(
                Collectors.groupingBy(
                    Welcome::user, Collectors.mapping(Welcome::sender, Collectors.toList())));
    assertThat(senders).containsOnlyKeys(users);
    return senders;
  }

  private long welcomedCount(List<String> users) {
    return welcomes().stream().map(Welcome::user).filter(users::contains).distinct().count();
  }

  private record Welcome(String user, String sender) {}

  private List<Welcome> welcomes() {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(message -> subject(message).startsWith(WELCOME))
        .map(
            message ->
                new Welcome(
                    address(message, true).replace("@example.com", ""), address(message, false)))
        .toList();
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject() == null ? "" : message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String address(MimeMessage message, boolean recipient) {
    try {
      var addresses =
          recipient
              ? message.getRecipients(jakarta.mail.Message.RecipientType.TO)
              : message.getFrom();
      return ((InternetAddress) addresses[0]).getAddress();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
