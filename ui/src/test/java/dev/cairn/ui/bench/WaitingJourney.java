package dev.cairn.ui.bench;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.run.EventVariables;
import dev.cairn.engine.journey.run.JourneyEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A journey whose contacts wait as most do: on entry they wait up to 30 days for "Order Completed"
 * (a timer and an event subscription each); an order sends a thank-you email. Contacts are planted
 * in it through Cairn's own entry ({@link JourneyEntry#enter}, which starts the journey on the
 * engine and records the enrolment) in large transactions from several threads: the real path, only
 * without an HTTP request and a dispatcher per contact.
 */
final class WaitingJourney {

  static final String TRIGGER = "Bench Entered";
  static final String AWAITED = "Order Completed";

  private WaitingJourney() {}

  static String diagram(String id, String subject) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                          id="%1$s-definitions" targetNamespace="https://cairn.dev/journeys">
          <bpmn:process id="%1$s" name="Waiting (benchmark %1$s)" isExecutable="true">
            <bpmn:startEvent id="entered" name="Entered">
              <bpmn:extensionElements>
                <zeebe:properties>
                  <zeebe:property name="cairn:trigger-event" value="%2$s" />
                </zeebe:properties>
              </bpmn:extensionElements>
              <bpmn:outgoing>flow-to-wait</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:eventBasedGateway id="wait-for-order" name="Wait for an order">
              <bpmn:incoming>flow-to-wait</bpmn:incoming>
              <bpmn:outgoing>flow-to-order</bpmn:outgoing>
              <bpmn:outgoing>flow-to-timeout</bpmn:outgoing>
            </bpmn:eventBasedGateway>
            <bpmn:intermediateCatchEvent id="order-completed" name="Order completed">
              <bpmn:incoming>flow-to-order</bpmn:incoming>
              <bpmn:outgoing>flow-to-thanks</bpmn:outgoing>
              <bpmn:messageEventDefinition id="order-completed-definition" messageRef="order-completed-message" />
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="no-order-yet" name="30 days without an order">
              <bpmn:incoming>flow-to-timeout</bpmn:incoming>
              <bpmn:outgoing>flow-to-gave-up</bpmn:outgoing>
              <bpmn:timerEventDefinition id="no-order-yet-definition">
                <bpmn:timeDuration>P30D</bpmn:timeDuration>
              </bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:serviceTask id="thank-you-email" name="Send thank-you email">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="cairn.email" retries="5" />
                <zeebe:taskHeaders>
                  <zeebe:header key="template" value="first-order-thanks" />
                  <zeebe:header key="subject" value="%3$s" />
                </zeebe:taskHeaders>
              </bpmn:extensionElements>
              <bpmn:incoming>flow-to-thanks</bpmn:incoming>
              <bpmn:outgoing>flow-to-purchased</bpmn:outgoing>
            </bpmn:serviceTask>
            <bpmn:endEvent id="purchased" name="Purchased">
              <bpmn:incoming>flow-to-purchased</bpmn:incoming>
            </bpmn:endEvent>
            <bpmn:endEvent id="gave-up" name="No order">
              <bpmn:incoming>flow-to-gave-up</bpmn:incoming>
            </bpmn:endEvent>
            <bpmn:sequenceFlow id="flow-to-wait" sourceRef="entered" targetRef="wait-for-order" />
            <bpmn:sequenceFlow id="flow-to-order" sourceRef="wait-for-order" targetRef="order-completed" />
            <bpmn:sequenceFlow id="flow-to-timeout" sourceRef="wait-for-order" targetRef="no-order-yet" />
            <bpmn:sequenceFlow id="flow-to-thanks" sourceRef="order-completed" targetRef="thank-you-email" />
            <bpmn:sequenceFlow id="flow-to-purchased" sourceRef="thank-you-email" targetRef="purchased" />
            <bpmn:sequenceFlow id="flow-to-gave-up" sourceRef="no-order-yet" targetRef="gave-up" />
          </bpmn:process>
          <bpmn:message id="order-completed-message" name="%4$s" />
        </bpmn:definitions>
        """
        .formatted(id, TRIGGER, subject, AWAITED);
  }

  /** Adds (or revises) and publishes the journey; returns its id. */
  static String publish(BenchCairn cairn, String id, String subject) {
    Journeys journeys = cairn.bean(Journeys.class);
    journeys.saveDiagram(journeys.find(id).isPresent() ? id : null, diagram(id, subject));
    PublishResult result = journeys.publish(id);
    if (!(result instanceof PublishResult.Published)) {
      throw new IllegalStateException("the benchmark journey did not publish: " + result);
    }
    return id;
  }

  /**
   * Creates {@code count} contacts ({@code <prefix>-<n>}, {@code <prefix>-<n>@example.com}) and
   * enters each into the journey, {@code perTransaction} to a transaction on {@code threads}
   * threads; returns contacts entered per second.
   */
  static double plant(
      BenchCairn cairn,
      String journeyId,
      String prefix,
      int count,
      int perTransaction,
      int threads) {
    JdbcClient jdbc = cairn.jdbc();
    JourneyEntry entry = cairn.bean(JourneyEntry.class);
    TransactionTemplate transactions =
        new TransactionTemplate(cairn.bean(PlatformTransactionManager.class));
    AtomicInteger entered = new AtomicInteger();
    AtomicInteger lastReport = new AtomicInteger();
    long started = System.nanoTime();
    List<Future<?>> chunks = new ArrayList<>();
    try (ExecutorService planters = Executors.newFixedThreadPool(threads)) {
      for (int first = 0; first < count; first += perTransaction) {
        int from = first;
        int to = Math.min(count, first + perTransaction);
        chunks.add(
            planters.submit(
                () ->
                    transactions.executeWithoutResult(
                        status -> {
                          List<UUID> ids =
                              jdbc.sql(
                                      """
                  insert into contact (id, external_id, email, first_name, traits, created_at, updated_at, last_seen_at)
                  select gen_random_uuid(), :prefix || '-' || n, :prefix || '-' || n || '@example.com', 'Bench', '{}'::jsonb, now(), now(), now()
                  from generate_series(:from, :to - 1) n
                  returning id
                  """)
                                  .param("prefix", prefix)
                                  .param("from", from)
                                  .param("to", to)
                                  .query(UUID.class)
                                  .list();
                          Map<String, Object> trigger =
                              EventVariables.of(TRIGGER, Map.of(), Instant.now());
                          for (UUID id : ids) {
                            if (!entry.enter(new ContactId(id), journeyId, trigger, null)) {
                              throw new IllegalStateException(
                                  "contact " + id + " was not admitted");
                            }
                          }
                          int done = entered.addAndGet(ids.size());
                          int step = Math.max(10_000, count / 10);
                          if (done / step > lastReport.get() / step) {
                            lastReport.set(done);
                            System.out.printf(
                                "  planted %,d of %,d waiting contacts (%.0f/s)%n",
                                done, count, done / Bench.secondsSince(started));
                          }
                        })));
      }
      Bench.all(chunks);
    }
    return count / Bench.secondsSince(started);
  }

  /** Contacts of the journey that are waiting now, by Cairn's tracking. */
  static long waiting(BenchCairn cairn, String journeyId) {
    return cairn
        .jdbc()
        .sql(
            "select count(*) from element_instance where bpmn_process_id = :id and element_id = 'wait-for-order' and state = 'ACTIVE'")
        .param("id", journeyId)
        .query(Long.class)
        .single();
  }

  static Duration generous(int contacts) {
    return Duration.ofSeconds(120 + contacts / 20);
  }
}
