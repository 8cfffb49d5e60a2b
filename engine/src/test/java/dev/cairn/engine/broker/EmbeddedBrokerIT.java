package dev.cairn.engine.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.database.DatabaseConnection;
import dev.cairn.engine.home.CairnHome;
import dev.cairn.engine.zeebe.EngineCommandsAccess;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The broker Cairn supervises, as a real child process with Cairn's exporter writing into a real
 * PostgreSQL: it survives being killed, and a broker left behind by a killed Cairn is ended.
 */
class EmbeddedBrokerIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static EmbeddedPostgres postgres;
  private static JdbcClient jdbc;

  private final CairnHome home = new CairnHome(tempDirectory());
  private EmbeddedBroker broker;
  private EmbeddedBroker second;

  @BeforeAll
  static void startDatabase() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(postgres.getPostgresDatabase());
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  @AfterEach
  void stopBrokers() {
    if (second != null) {
      second.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void a_broker_that_dies_is_started_again_and_a_waiting_instance_moves_on() {
    broker = EmbeddedBroker.start(settings(), home, connection());
    assertThat(broker.awaitReady(PATIENCE)).isTrue();
    try (CamundaClient client = client(broker)) {
      deploy(client);
      long instance = start(client, "c-1");
      awaitState(instance, "wait-for-order", "ACTIVE");
      long firstPid = broker.pid();

      ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

      await().atMost(PATIENCE).until(() -> broker.pid() != null && broker.pid() != firstPid);
      EngineCommandsAccess.withPatience(PATIENCE)
          .execute(
              "publish after restart",
              () -> client.newPublishMessageCommand().messageName("Order Completed").correlationKey("c-1").send());
      awaitState(instance, "wait-for-order", "COMPLETED");
      awaitState(instance, "scenario", "COMPLETED");
    }
  }

  @Test
  void a_broker_left_behind_by_a_killed_cairn_is_ended_before_a_new_one_starts() {
    broker = EmbeddedBroker.start(settings(), home, connection());
    assertThat(broker.awaitReady(PATIENCE)).isTrue();
    ProcessHandle leftover = ProcessHandle.of(broker.pid()).orElseThrow();
    broker.abandon();

    second = EmbeddedBroker.start(settings(), home, connection());

    assertThat(leftover.isAlive()).isFalse();
    assertThat(second.awaitReady(PATIENCE)).isTrue();
    assertThat(second.pid()).isNotEqualTo(leftover.pid());
  }

  private static ZeebeProperties.Embedded settings() {
    return new ZeebeProperties.Embedded(null, 0, null, null, null, null);
  }

  private static DatabaseConnection connection() {
    return new DatabaseConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
  }

  private static CamundaClient client(EmbeddedBroker broker) {
    return CamundaClient.newClientBuilder().grpcAddress(broker.gatewayAddress()).preferRestOverGrpc(false).build();
  }

  private static void deploy(CamundaClient client) {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("scenario")
            .startEvent()
            .intermediateCatchEvent("wait-for-order")
            .message(message -> message.name("Order Completed").zeebeCorrelationKeyExpression("contactId"))
            .endEvent()
            .done();
    EngineCommandsAccess.withPatience(PATIENCE)
        .execute("deploy", () -> client.newDeployResourceCommand().addProcessModel(model, "scenario.bpmn").send());
  }

  private static long start(CamundaClient client, String contactId) {
    return EngineCommandsAccess.withPatience(PATIENCE)
        .execute(
            "start",
            () ->
                client.newCreateInstanceCommand().bpmnProcessId("scenario").latestVersion()
                    .variables(Map.of("contactId", contactId)).send())
        .getProcessInstanceKey();
  }

  /** What the exporter wrote: the tracking rows Cairn reads. */
  private static void awaitState(long instance, String elementId, String state) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql("select state from element_instance where process_instance_key = :instance and element_id = :element")
                    .param("instance", instance)
                    .param("element", elementId)
                    .query(String.class)
                    .optional(),
            found -> found.equals(Optional.of(state)));
  }

  private static Path tempDirectory() {
    try {
      return Files.createDirectories(Path.of("target", "it-data", UUID.randomUUID().toString()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
