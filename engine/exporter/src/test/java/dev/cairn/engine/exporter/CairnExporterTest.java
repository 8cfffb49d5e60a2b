package dev.cairn.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.exporter.api.context.Configuration;
import io.camunda.zeebe.exporter.api.context.Context;
import io.camunda.zeebe.exporter.api.context.Controller;
import io.camunda.zeebe.exporter.api.context.ScheduledTask;
import io.camunda.zeebe.protocol.record.ImmutableRecord;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.ErrorType;
import io.camunda.zeebe.protocol.record.value.ImmutableIncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ImmutableProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.ImmutableTimerRecordValue;
import io.camunda.zeebe.protocol.record.value.ImmutableVariableRecordValue;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The exporter against a real PostgreSQL with Cairn's schema, fed records as the broker would. */
class CairnExporterTest {

  private static EmbeddedPostgres postgres;
  private final FakeController controller = new FakeController();

  @BeforeAll
  static void startDatabase() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    Flyway.configure()
        .dataSource(postgres.getPostgresDatabase())
        .locations("filesystem:" + System.getProperty("cairn.migrations"))
        .load()
        .migrate();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    try (Connection db = postgres.getPostgresDatabase().getConnection()) {
      db.createStatement().execute("truncate element_instance, exporter_position, incident, instance_variable, instance_timer");
    }
  }

  @Test
  void an_activated_then_completed_element_is_one_completed_row() throws Exception {
    CairnExporter exporter = open(url());

    exporter.export(element(10, 100, "welcome-email", ProcessInstanceIntent.ELEMENT_ACTIVATED));
    exporter.export(element(11, 100, "welcome-email", ProcessInstanceIntent.ELEMENT_COMPLETED));
    exporter.export(element(12, 101, "wait-for-first-order", ProcessInstanceIntent.ELEMENT_ACTIVATED));
    controller.runScheduledTasks();

    assertThat(states()).containsExactlyInAnyOrderEntriesOf(Map.of(100L, "COMPLETED", 101L, "ACTIVE"));
    assertThat(controller.acknowledged).isEqualTo(12);
    assertThat(storedPosition()).isEqualTo(12);
  }

  @Test
  void replaying_records_after_a_broker_restart_changes_nothing() throws Exception {
    List<Record<?>> records =
        List.of(
            element(20, 200, "welcome-email", ProcessInstanceIntent.ELEMENT_ACTIVATED),
            element(21, 200, "welcome-email", ProcessInstanceIntent.ELEMENT_COMPLETED),
            element(22, 201, "no-order-yet", ProcessInstanceIntent.ELEMENT_ACTIVATED),
            element(23, 201, "no-order-yet", ProcessInstanceIntent.ELEMENT_TERMINATED));
    CairnExporter first = open(url());
    records.forEach(first::export);
    controller.runScheduledTasks();
    first.close();
    Map<Long, String> before = states();

    CairnExporter afterRestart = open(url());
    records.forEach(afterRestart::export);
    controller.runScheduledTasks();

    assertThat(states()).isEqualTo(before).containsEntry(200L, "COMPLETED").containsEntry(201L, "TERMINATED");
    assertThat(rowCount()).isEqualTo(2);
  }

  @Test
  void a_replayed_activation_never_reopens_a_completed_element() throws Exception {
    CairnExporter exporter = open(url());
    exporter.export(element(30, 300, "welcome-email", ProcessInstanceIntent.ELEMENT_ACTIVATED));
    exporter.export(element(31, 300, "welcome-email", ProcessInstanceIntent.ELEMENT_COMPLETED));
    controller.runScheduledTasks();
    executeSql("delete from exporter_position");

    CairnExporter replaying = open(url());
    replaying.export(element(30, 300, "welcome-email", ProcessInstanceIntent.ELEMENT_ACTIVATED));
    controller.runScheduledTasks();

    assertThat(states()).containsEntry(300L, "COMPLETED");
  }

  @Test
  void records_are_not_acknowledged_while_the_database_is_unreachable() throws Exception {
    CairnExporter exporter = open("jdbc:postgresql://127.0.0.1:1/cairn?connectTimeout=1");

    exporter.export(element(40, 400, "welcome-email", ProcessInstanceIntent.ELEMENT_ACTIVATED));
    controller.runScheduledTasks();

    assertThat(controller.acknowledged).isEqualTo(-1);
    assertThat(rowCount()).isZero();
  }

  @Test
  void records_other_than_element_state_changes_only_move_the_position() throws Exception {
    CairnExporter exporter = open(url());

    exporter.export(element(50, 500, "welcome-email", ProcessInstanceIntent.ACTIVATE_ELEMENT));
    exporter.export(element(51, 500, "flow", ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN));
    controller.runScheduledTasks();

    assertThat(rowCount()).isZero();
    assertThat(controller.acknowledged).isEqualTo(51);
  }

  @Test
  void an_incident_is_open_until_resolved_and_a_replay_does_not_reopen_it() throws Exception {
    CairnExporter exporter = open(url());
    exporter.export(incident(60, 600, IncidentIntent.CREATED));
    controller.runScheduledTasks();
    assertThat(incidentState(600)).isEqualTo("OPEN");

    exporter.export(incident(61, 600, IncidentIntent.RESOLVED));
    controller.runScheduledTasks();
    executeSql("delete from exporter_position");
    CairnExporter replaying = open(url());
    replaying.export(incident(60, 600, IncidentIntent.CREATED));
    controller.runScheduledTasks();

    assertThat(incidentState(600)).isEqualTo("RESOLVED");
  }

  @Test
  void a_migrated_element_keeps_its_state_and_times_and_takes_the_new_version() throws Exception {
    CairnExporter exporter = open(url());
    exporter.export(element(70, 700, "wait-for-first-order", ProcessInstanceIntent.ELEMENT_ACTIVATED));
    exporter.export(migrated(71, 700, "wait-for-first-order", 2, 8));
    controller.runScheduledTasks();
    executeSql("delete from exporter_position");

    CairnExporter replaying = open(url());
    replaying.export(element(70, 700, "wait-for-first-order", ProcessInstanceIntent.ELEMENT_ACTIVATED));
    replaying.export(migrated(71, 700, "wait-for-first-order", 2, 8));
    controller.runScheduledTasks();

    try (Connection db = postgres.getPostgresDatabase().getConnection();
        ResultSet rs = db.createStatement().executeQuery(
            "select state, version, process_definition_key, activated_at from element_instance where element_instance_key = 700")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("state")).isEqualTo("ACTIVE");
      assertThat(rs.getInt("version")).isEqualTo(2);
      assertThat(rs.getLong("process_definition_key")).isEqualTo(8);
      assertThat(rs.getTimestamp("activated_at").getTime()).isEqualTo(1_700_000_000_070L);
    }
    assertThat(rowCount()).isEqualTo(1);
  }

  @Test
  void a_running_instance_keeps_its_own_variables_and_timers_until_it_ends() throws Exception {
    CairnExporter exporter = open(url());
    exporter.export(element(80, 99, "welcome", ProcessInstanceIntent.ELEMENT_ACTIVATED));
    exporter.export(variable(81, 99, "contactId", "\"c-1\"", VariableIntent.CREATED));
    exporter.export(variable(82, 99, "lastEvent", "{\"event\":\"Signed Up\"}", VariableIntent.CREATED));
    exporter.export(variable(83, 98, "local", "1", VariableIntent.CREATED)); // a step's own scope
    exporter.export(variable(84, 99, "lastEvent", "{\"event\":\"Order Completed\"}", VariableIntent.UPDATED));
    exporter.export(timer(85, 800, "three-days", 1_700_000_259_200_000L));
    exporter.export(element(86, 800, "three-days", ProcessInstanceIntent.ELEMENT_ACTIVATED));
    controller.runScheduledTasks();

    assertThat(query("select name || '=' || value from instance_variable where process_instance_key = 99 order by name"))
        .containsExactly("contactId=\"c-1\"", "lastEvent={\"event\":\"Order Completed\"}");
    assertThat(query("select target_element_id || ' ' || extract(epoch from due_at)::bigint from instance_timer where element_instance_key = 800"))
        .containsExactly("three-days 1700000259200");

    exporter.export(element(87, 800, "three-days", ProcessInstanceIntent.ELEMENT_TERMINATED));
    exporter.export(element(88, 99, "welcome", ProcessInstanceIntent.ELEMENT_TERMINATED));
    controller.runScheduledTasks();

    assertThat(query("select name from instance_variable")).isEmpty();
    assertThat(query("select target_element_id from instance_timer")).isEmpty();
  }

  @Test
  void rows_cairn_marked_moved_stay_moved_when_the_engine_ends_them() throws Exception {
    CairnExporter exporter = open(url());
    exporter.export(element(90, 900, "three-days", ProcessInstanceIntent.ELEMENT_ACTIVATED));
    controller.runScheduledTasks();
    executeSql("update element_instance set state = 'MOVED', ended_at = now() where element_instance_key = 900");

    exporter.export(element(91, 900, "three-days", ProcessInstanceIntent.ELEMENT_TERMINATED));
    controller.runScheduledTasks();

    assertThat(states()).containsEntry(900L, "MOVED");
  }

  private static Record<?> variable(long position, long scopeKey, String name, String json, Intent intent) {
    return ImmutableRecord.builder()
        .withPosition(position)
        .withKey(position + 10_000)
        .withPartitionId(1)
        .withTimestamp(1_700_000_000_000L + position)
        .withRecordType(RecordType.EVENT)
        .withValueType(ValueType.VARIABLE)
        .withIntent(intent)
        .withValue(
            ImmutableVariableRecordValue.builder()
                .withName(name)
                .withValue(json)
                .withScopeKey(scopeKey)
                .withProcessInstanceKey(99)
                .withProcessDefinitionKey(7)
                .withBpmnProcessId("welcome")
                .build())
        .build();
  }

  private static Record<?> timer(long position, long elementInstanceKey, String targetElementId, long dueDate) {
    return ImmutableRecord.builder()
        .withPosition(position)
        .withKey(position + 20_000)
        .withPartitionId(1)
        .withTimestamp(1_700_000_000_000L + position)
        .withRecordType(RecordType.EVENT)
        .withValueType(ValueType.TIMER)
        .withIntent(TimerIntent.CREATED)
        .withValue(
            ImmutableTimerRecordValue.builder()
                .withElementInstanceKey(elementInstanceKey)
                .withProcessInstanceKey(99)
                .withProcessDefinitionKey(7)
                .withTargetElementId(targetElementId)
                .withDueDate(dueDate)
                .withRepetitions(1)
                .build())
        .build();
  }

  private static List<String> query(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection db = postgres.getPostgresDatabase().getConnection(); ResultSet rs = db.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static Record<?> migrated(long position, long key, String elementId, int version, long definitionKey) {
    return ImmutableRecord.builder()
        .withPosition(position)
        .withKey(key)
        .withPartitionId(1)
        .withTimestamp(1_700_000_000_000L + position)
        .withRecordType(RecordType.EVENT)
        .withValueType(ValueType.PROCESS_INSTANCE)
        .withIntent(ProcessInstanceIntent.ELEMENT_MIGRATED)
        .withValue(
            ImmutableProcessInstanceRecordValue.builder()
                .withBpmnProcessId("welcome")
                .withVersion(version)
                .withProcessDefinitionKey(definitionKey)
                .withProcessInstanceKey(99)
                .withElementId(elementId)
                .withFlowScopeKey(99)
                .withBpmnElementType(BpmnElementType.INTERMEDIATE_CATCH_EVENT)
                .build())
        .build();
  }

  private static Record<?> incident(long position, long key, Intent intent) {
    return ImmutableRecord.builder()
        .withPosition(position)
        .withKey(key)
        .withPartitionId(1)
        .withTimestamp(1_700_000_000_000L + position)
        .withRecordType(RecordType.EVENT)
        .withValueType(ValueType.INCIDENT)
        .withIntent(intent)
        .withValue(
            ImmutableIncidentRecordValue.builder()
                .withErrorType(ErrorType.JOB_NO_RETRIES)
                .withErrorMessage("SMTP server unreachable")
                .withBpmnProcessId("welcome")
                .withProcessInstanceKey(99)
                .withElementId("welcome-email")
                .withElementInstanceKey(98)
                .withJobKey(97)
                .build())
        .build();
  }

  private static String incidentState(long key) throws SQLException {
    try (Connection db = postgres.getPostgresDatabase().getConnection();
        ResultSet rs = db.createStatement().executeQuery("select state from incident where incident_key = " + key)) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  private CairnExporter open(String url) {
    CairnExporter exporter = new CairnExporter();
    exporter.configure(new FakeContext(Map.of("url", url, "user", "postgres", "password", "")));
    exporter.open(controller);
    return exporter;
  }

  private static Record<?> element(long position, long key, String elementId, Intent intent) {
    return ImmutableRecord.builder()
        .withPosition(position)
        .withKey(key)
        .withPartitionId(1)
        .withTimestamp(1_700_000_000_000L + position)
        .withRecordType(RecordType.EVENT)
        .withValueType(ValueType.PROCESS_INSTANCE)
        .withIntent(intent)
        .withValue(
            ImmutableProcessInstanceRecordValue.builder()
                .withBpmnProcessId("welcome")
                .withVersion(1)
                .withProcessDefinitionKey(7)
                .withProcessInstanceKey(99)
                .withElementId(elementId)
                .withFlowScopeKey(99)
                .withBpmnElementType(BpmnElementType.SERVICE_TASK)
                .build())
        .build();
  }

  private static String url() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  private static Map<Long, String> states() throws SQLException {
    Map<Long, String> states = new java.util.HashMap<>();
    try (Connection db = postgres.getPostgresDatabase().getConnection();
        ResultSet rs = db.createStatement().executeQuery("select element_instance_key, state from element_instance")) {
      while (rs.next()) {
        states.put(rs.getLong(1), rs.getString(2));
      }
    }
    return states;
  }

  private static long rowCount() throws SQLException {
    return states().size();
  }

  private static long storedPosition() throws SQLException {
    try (Connection db = postgres.getPostgresDatabase().getConnection();
        ResultSet rs = db.createStatement().executeQuery("select position from exporter_position where partition_id = 1")) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  private static void executeSql(String sql) throws SQLException {
    try (Connection db = postgres.getPostgresDatabase().getConnection()) {
      db.createStatement().execute(sql);
    }
  }

  /** The broker's side of the contract: scheduled flushes run when the test says so. */
  private static final class FakeController implements Controller {
    private final List<Runnable> scheduled = new ArrayList<>();
    long acknowledged = -1;

    void runScheduledTasks() {
      List<Runnable> due = List.copyOf(scheduled);
      scheduled.clear();
      due.forEach(Runnable::run);
    }

    @Override
    public void updateLastExportedRecordPosition(long position) {
      acknowledged = position;
    }

    @Override
    public void updateLastExportedRecordPosition(long position, byte[] metadata) {
      acknowledged = position;
    }

    @Override
    public long getLastExportedRecordPosition() {
      return acknowledged;
    }

    @Override
    public ScheduledTask scheduleCancellableTask(Duration delay, Runnable task) {
      scheduled.add(task);
      return () -> scheduled.remove(task);
    }

    @Override
    public Optional<byte[]> readMetadata() {
      return Optional.empty();
    }
  }

  private record FakeContext(Map<String, Object> arguments) implements Context {

    @Override
    public Logger getLogger() {
      return LoggerFactory.getLogger(CairnExporter.class);
    }

    @Override
    public Configuration getConfiguration() {
      return new Configuration() {
        @Override
        public String getId() {
          return "cairn";
        }

        @Override
        public Map<String, Object> getArguments() {
          return arguments;
        }

        @Override
        public <T> T instantiate(Class<T> configClass) {
          ExporterSettings settings = new ExporterSettings();
          settings.url = (String) arguments.get("url");
          settings.user = (String) arguments.get("user");
          settings.password = (String) arguments.get("password");
          return configClass.cast(settings);
        }
      };
    }

    @Override
    public int getPartitionId() {
      return 1;
    }

    @Override
    public void setFilter(RecordFilter filter) {}
  }
}
