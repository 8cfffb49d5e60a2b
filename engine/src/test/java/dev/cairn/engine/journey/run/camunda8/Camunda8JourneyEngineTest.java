package dev.cairn.engine.journey.run.camunda8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.run.JourneyEngine;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import io.camunda.client.CamundaClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Camunda 8 mode end to end, against the official Camunda image (the orchestration cluster in
 * one container, its secondary storage in memory). Needs Docker: where there is none, the whole
 * class is skipped before anything starts. Cairn's own tables live in an embedded PostgreSQL, as
 * they do in the application.
 */
@Testcontainers(disabledWithoutDocker = true)
class Camunda8JourneyEngineTest {

  private static final String IMAGE = "camunda/camunda:8.8.14";
  private static final String ORDER_COMPLETED = "Order Completed";

  @Container
  @SuppressWarnings("resource")
  static final GenericContainer<?> CAMUNDA =
      new GenericContainer<>(IMAGE)
          .withExposedPorts(26500, 8080, 9600)
          .withEnv("CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI", "true")
          .withEnv("CAMUNDA_SECURITY_AUTHORIZATIONS_ENABLED", "false")
          .withEnv("CAMUNDA_DATA_SECONDARYSTORAGE_TYPE", "rdbms")
          .withEnv(
              "CAMUNDA_DATA_SECONDARYSTORAGE_RDBMS_URL",
              "jdbc:h2:mem:cairn;DB_CLOSE_DELAY=-1;MODE=PostgreSQL")
          .withEnv("CAMUNDA_DATA_SECONDARYSTORAGE_RDBMS_USERNAME", "sa")
          .withEnv("CAMUNDA_DATA_SECONDARYSTORAGE_RDBMS_PASSWORD", "")
          .waitingFor(
              Wait.forHttp("/actuator/health/status")
                  .forPort(9600)
                  .forStatusCode(200)
                  .withStartupTimeout(Duration.ofMinutes(3)));

  private static EmbeddedPostgres postgres;
  private static JdbcTemplate jdbc;
  private static CamundaClient client;
  private static JourneyEngine engine;
  private static final List<Step> performed = new CopyOnWriteArrayList<>();

  /** Contacts whose first welcome email the provider refuses. */
  private static final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void startCairnOnTheCluster() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    Flyway.configure()
        .dataSource(postgres.getPostgresDatabase())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    Camunda8Properties properties =
        new Camunda8Properties(
            URI.create("http://" + CAMUNDA.getHost() + ":" + CAMUNDA.getMappedPort(26500)),
            URI.create("http://" + CAMUNDA.getHost() + ":" + CAMUNDA.getMappedPort(8080)),
            null,
            null,
            null,
            null,
            null,
            null,
            Duration.ofSeconds(30),
            4,
            Duration.ofSeconds(30));
    client = Camunda8Configuration.client(properties);
    Contacts contacts = mock(Contacts.class);
    when(contacts.find(any())).thenReturn(Optional.empty());
    StepHandler email = new RecordingEmail();
    Clock clock = Clock.systemUTC();
    Commands commands = new Commands(properties.commandPatience(), clock, Thread::sleep);
    Tracking tracking = new Tracking(jdbc, clock);
    JobWorkers workers =
        new JobWorkers(
            client,
            commands,
            List.of(email),
            contacts,
            tracking,
            new TransactionTemplate(
                new DataSourceTransactionManager(postgres.getPostgresDatabase())),
            properties);
    engine = new CamundaJourneyEngine(client, commands, workers, tracking, jdbc);
    engine.startWork();
  }

  @AfterAll
  static void stop() throws Exception {
    if (engine != null) {
      engine.stopWork();
    }
    if (client != null) {
      client.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void a_contact_is_welcomed_hands_in_an_order_and_finishes_the_journey() {
    JourneyEngine.Deployed deployed = publish();
    String contact = UUID.randomUUID().toString();
    String key = "welcome|" + contact;

    JourneyEngine.Started started = engine.start("welcome", key, Map.of("contactId", contact));

    assertThat(started.version()).isEqualTo(deployed.version());
    await().atMost(Duration.ofSeconds(30)).until(() -> stepsOf(started).contains("welcome-email"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                engine.correlate(
                        ORDER_COMPLETED, key, Map.of("lastEvent", Map.of("name", ORDER_COMPLETED)))
                    == 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stepsOf(started).contains("thank-you-email"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "COMPLETED".equals(stateOf(started.processInstanceKey())));
    assertThat(
            jdbc.queryForList(
                "select element_id from element_instance where process_instance_key = ? and state = 'COMPLETED' and element_instance_key <> ? order by activated_at",
                String.class,
                started.processInstanceKey(),
                started.processInstanceKey()))
        .containsExactly("welcome-email", "thank-you-email");
  }

  @Test
  void an_event_no_wait_takes_is_answered_with_none() {
    publish();

    assertThat(engine.correlate(ORDER_COMPLETED, "welcome|" + UUID.randomUUID(), Map.of()))
        .isZero();
  }

  @Test
  void publishing_an_unchanged_journey_keeps_its_version() {
    assertThat(publish()).isEqualTo(publish());
  }

  @Test
  void a_refused_step_stops_as_an_incident_and_a_retry_performs_it() {
    publish();
    String contact = UUID.randomUUID().toString();
    refusedOnce.add(contact);

    JourneyEngine.Started started =
        engine.start("welcome", "welcome|" + contact, Map.of("contactId", contact));

    await().atMost(Duration.ofSeconds(30)).until(() -> openIncidentJob(started).isPresent());
    assertThat(engine.retryStep(openIncidentJob(started).orElseThrow())).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> stepsOf(started).contains("welcome-email"));
    assertThat(openIncidentJob(started)).isEmpty();
  }

  @Test
  void a_stopped_contact_leaves_the_journey_once() {
    publish();
    String contact = UUID.randomUUID().toString();
    JourneyEngine.Started started =
        engine.start("welcome", "welcome|" + contact, Map.of("contactId", contact));
    await().atMost(Duration.ofSeconds(30)).until(() -> stepsOf(started).contains("welcome-email"));

    assertThat(engine.cancel(started.processInstanceKey(), "journey stopped")).isTrue();

    assertThat(stateOf(started.processInstanceKey())).isEqualTo("TERMINATED");
    assertThat(engine.cancel(started.processInstanceKey(), "journey stopped")).isFalse();
  }

  private static JourneyEngine.Deployed publish() {
    JourneyEngine.Deployment deployment = engine.deploy("welcome", Journeys.compiled("welcome"));
    assertThat(deployment).isInstanceOf(JourneyEngine.Deployment.Done.class);
    JourneyEngine.Deployed deployed = ((JourneyEngine.Deployment.Done) deployment).deployed();
    jdbc.update(
        """
        insert into journey_version (journey_id, version, process_definition_key, deployed_xml, awaited_events, deployed_at, correlation)
        values ('welcome', ?, ?, ?, array['Order Completed'], now(), 'journey') on conflict do nothing
        """,
        deployed.version(),
        deployed.definitionKey(),
        Journeys.compiled("welcome"));
    return deployed;
  }

  private static List<String> stepsOf(JourneyEngine.Started started) {
    return performed.stream()
        .filter(step -> step.processInstanceKey() == started.processInstanceKey())
        .map(Step::elementId)
        .toList();
  }

  private static String stateOf(long processInstanceKey) {
    return jdbc.queryForObject(
        "select state from element_instance where element_instance_key = ?",
        String.class,
        processInstanceKey);
  }

  private static Optional<Long> openIncidentJob(JourneyEngine.Started started) {
    return jdbc
        .queryForList(
            "select job_key from incident where process_instance_key = ? and state = 'OPEN'",
            Long.class,
            started.processInstanceKey())
        .stream()
        .findFirst();
  }

  /** Sends nothing: records each step it is handed, refusing a contact's first one when told to. */
  private static final class RecordingEmail implements StepHandler {
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
      return Set.of();
    }

    @Override
    public StepResult perform(Step step) {
      if (refusedOnce.remove(step.contactId().toString())) {
        return new StepResult.Rejected("the provider refused the address");
      }
      performed.add(step);
      return StepResult.Completed.empty();
    }
  }
}
