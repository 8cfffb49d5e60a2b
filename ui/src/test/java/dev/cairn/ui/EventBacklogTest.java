package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.event.EventFeed;
import dev.cairn.engine.event.StoredEvent;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.run.EventDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A backlog of events nobody waits for (what a segment refresh or an import leaves: tens of
 * thousands of "Segment Entered" and "List Joined") does not hold up the few that matter: they are
 * settled in bulk, and the twenty sign-ups and orders queued behind them still reach their
 * journeys, each contact's in order.
 */
class EventBacklogTest extends CairnIntegrationTest {

  private static final int BACKLOG = 100_000;
  private static final int CONTACTS = 1_000;

  /** One contact the backlog leans on: a fifth of it is theirs. */
  private static final int HEAVY_CONTACT_EVENTS = 20_000;

  @Autowired Journeys journeys;
  @Autowired EventDispatcher dispatcher;
  @Autowired EventFeed feed;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void twenty_events_that_matter_get_through_a_backlog_of_a_hundred_thousand_that_do_not() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String journey = "backlog-" + run;
    String start = "Backlog Start " + run;
    String order = "Backlog Order " + run;
    journeys.addIfAbsent(journey, journey, null, orderWaitJourney(journey, start, order));
    assertThat(journeys.publish(journey)).isInstanceOf(PublishResult.Published.class);

    // Ten customers sign up and order behind a backlog of a hundred thousand events nobody waits
    // for.
    List<String> customers = users(run, 10);
    for (String user : customers) {
      post(
          "/v1/identify",
          "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\"}}".formatted(user, user));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> pending(run) == 0);

    dispatcher.stop();
    try {
      plantBacklog(run);
      customers.forEach(user -> plant(user, start));
      customers.forEach(user -> plant(user, order));
      assertThat(pending(run)).isEqualTo(BACKLOG + 20);

      // A claim looks at the front of the queue only, where the heavy contact's events are: it
      // takes a full batch of them, oldest first, rather than one per claim.
      List<StoredEvent> claimed =
          new TransactionTemplate(transactionManager)
              .execute(
                  status -> {
                    status.setRollbackOnly();
                    return feed.claimPending(20, 1_000);
                  });
      assertThat(claimed).hasSize(20);
      assertThat(claimed)
          .extracting(StoredEvent::contactId)
          .containsOnly(claimed.getFirst().contactId());
      assertThat(claimed)
          .extracting(StoredEvent::messageId)
          .startsWith("backlog-" + run + "-1", "backlog-" + run + "-2");
    } finally {
      dispatcher.start();
    }

    await().atMost(Duration.ofMinutes(3)).until(() -> pending(run) == 0);
    // Each customer's sign-up entered them and their order, handled after it, ended their wait.
    customers.forEach(
        user ->
            assertThat(awaitPath(user, "ordered"))
                .containsSubsequence("start", "wait-for-order", "order", "ordered"));
    assertThat(failed(run)).as("events set aside with an error").isZero();
    assertThat(enrolled(journey)).as("the backlog entered nobody").isEqualTo(customers.size());
  }

  private static List<String> users(String run, int count) {
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> "backlog-customer-" + run + "-" + i)
        .toList();
  }

  /**
   * A hundred thousand pending events of kinds no journey takes, from a thousand contacts, one of
   * whom has a fifth of them, mixed the way segment refreshes, list imports and page views leave
   * them.
   */
  private void plantBacklog(String run) {
    jdbc.sql(
            """
            insert into contact (id, external_id, traits, created_at, updated_at)
            select gen_random_uuid(), 'backlog-crowd-' || :run || '-' || n, '{}'::jsonb, now(), now()
            from generate_series(1, :contacts) n
            """)
        .param("run", run)
        .param("contacts", CONTACTS)
        .update();
    jdbc.sql(
            """
            insert into contact_event (message_id, contact_id, type, name, properties, occurred_at, received_at)
            select 'backlog-' || :run || '-' || n,
                   c.id,
                   case when n % 10 = 0 then 'IDENTIFY' else 'TRACK' end,
                   case when n % 10 = 0 then null
                        when n % 3 = 0 then 'List Joined ' || :run
                        when n % 7 = 0 then 'Page Viewed ' || :run
                        else 'Segment Entered ' || :run end,
                   jsonb_build_object('segment', 'vip', 'n', n),
                   now(), now()
            from generate_series(1, :backlog) n
            join contact c on c.external_id = 'backlog-crowd-' || :run || '-'
                 || case when n <= :heavy then 1 else 1 + n % :contacts end
            order by n
            """)
        .param("run", run)
        .param("backlog", BACKLOG)
        .param("heavy", HEAVY_CONTACT_EVENTS)
        .param("contacts", CONTACTS)
        .update();
  }

  private void plant(String user, String event) {
    jdbc.sql(
            """
            insert into contact_event (message_id, contact_id, type, name, properties, occurred_at, received_at)
            select :message, id, 'TRACK', :event, '{}'::jsonb, now(), now() from contact where external_id = :user
            """)
        .param("message", UUID.randomUUID().toString())
        .param("event", event)
        .param("user", user)
        .update();
  }

  private long pending(String run) {
    return jdbc.sql(
            "select count(*) from contact_event where name like :names and processed_at is null or message_id like :planted and processed_at is null")
        .param("names", "% " + run)
        .param("planted", "backlog-" + run + "-%")
        .query(Long.class)
        .single();
  }

  private long failed(String run) {
    return jdbc.sql(
            "select count(*) from contact_event where (name like :names or message_id like :planted) and processing_error is not null")
        .param("names", "% " + run)
        .param("planted", "backlog-" + run + "-%")
        .query(Long.class)
        .single();
  }

  private long enrolled(String journey) {
    return jdbc.sql("select count(*) from enrollment where journey_id = :id")
        .param("id", journey)
        .query(Long.class)
        .single();
  }

  /** Starts on {@code start}, then waits a day for {@code order}. */
  private static String orderWaitJourney(String id, String start, String order) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="%1$s" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%2$s"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait-for-order"/>
            <bpmn:eventBasedGateway id="wait-for-order" name="Wait for the order"/>
            <bpmn:sequenceFlow id="f2" sourceRef="wait-for-order" targetRef="order"/>
            <bpmn:sequenceFlow id="f3" sourceRef="wait-for-order" targetRef="a-day"/>
            <bpmn:intermediateCatchEvent id="order"><bpmn:messageEventDefinition messageRef="order-message"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="a-day"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="order" targetRef="ordered"/>
            <bpmn:sequenceFlow id="f5" sourceRef="a-day" targetRef="no-order"/>
            <bpmn:endEvent id="ordered"/>
            <bpmn:endEvent id="no-order"/>
          </bpmn:process>
          <bpmn:message id="order-message" name="%3$s"/>
        </bpmn:definitions>
        """
        .formatted(id, start, order);
  }
}
