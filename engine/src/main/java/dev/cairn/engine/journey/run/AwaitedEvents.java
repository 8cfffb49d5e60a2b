package dev.cairn.engine.journey.run;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events a contact's journey will wait for but does not wait for yet: the order that arrives while
 * the welcome email is still being sent, before the "wait for first order" begins. Such an event is
 * kept for {@code cairn.runtime.message-ttl} and handed to the wait as soon as it begins; replicas
 * share the kept events (each is taken by one at a time).
 */
@Component
public class AwaitedEvents {

  private static final Logger log = LoggerFactory.getLogger(AwaitedEvents.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int BATCH = 100;

  private final JdbcClient jdbc;
  private final JourneyEngine engine;
  private final TransactionTemplate transactions;
  private final Duration keepFor;
  private final Clock clock;

  AwaitedEvents(
      JdbcClient jdbc,
      JourneyEngine engine,
      PlatformTransactionManager transactions,
      RuntimeProperties properties,
      Clock clock) {
    this.jdbc = jdbc;
    this.engine = engine;
    this.transactions = new TransactionTemplate(transactions);
    this.keepFor = properties.messageTtl();
    this.clock = clock;
  }

  /**
   * Keeps the event for the wait under {@code correlationKey}, in the caller's transaction; {@code
   * eventId} is the stored event's, null for one sent into a test run.
   */
  public void keep(
      @Nullable Long eventId,
      String messageName,
      String correlationKey,
      Map<String, Object> lastEvent) {
    jdbc.sql(
            """
            insert into awaited_event (event_id, message_name, correlation_key, last_event, kept_until)
            values (:event, :message, :key, cast(:last as jsonb), :until)
            on conflict do nothing
            """)
        .param("event", eventId)
        .param("message", messageName)
        .param("key", correlationKey)
        .param("last", JSON.writeValueAsString(lastEvent))
        .param("until", Timestamp.from(clock.instant().plus(keepFor)))
        .update();
  }

  private record Kept(long id, String messageName, String correlationKey, String lastEvent) {}

  /**
   * Hands kept events to the waits that have begun meanwhile and forgets expired ones; returns how
   * many were handed over. Each pass offers the events checked longest ago, so every kept event
   * gets its turn however many are kept.
   */
  int handOver() {
    Integer handed =
        transactions.execute(
            status -> {
              jdbc.sql("delete from awaited_event where kept_until < :now")
                  .param("now", Timestamp.from(clock.instant()))
                  .update();
              List<Kept> kept =
                  jdbc.sql(
                          """
                  select id, message_name, correlation_key, last_event::text as last_event from awaited_event
                  order by checked_at, id limit :batch for update skip locked
                  """)
                      .param("batch", BATCH)
                      .query(
                          (rs, row) ->
                              new Kept(
                                  rs.getLong("id"),
                                  rs.getString("message_name"),
                                  rs.getString("correlation_key"),
                                  rs.getString("last_event")))
                      .list();
              List<Long> handedOver = new ArrayList<>();
              List<Long> stillKept = new ArrayList<>();
              for (Kept event : kept) {
                Map<?, ?> lastEvent = JSON.readValue(event.lastEvent(), Map.class);
                // Handing it over finds the wait itself; asking first whether there is one would
                // look twice.
                boolean taken =
                    engine.correlate(
                            event.messageName(),
                            event.correlationKey(),
                            Map.of("lastEvent", lastEvent))
                        > 0;
                (taken ? handedOver : stillKept).add(event.id());
              }
              jdbc.sql("delete from awaited_event where id = any(cast(:ids as bigint[]))")
                  .param("ids", handedOver.toArray(Long[]::new))
                  .update();
              // The next pass offers the others first.
              jdbc.sql(
                      "update awaited_event set checked_at = :now where id = any(cast(:ids as bigint[]))")
                  .param("now", Timestamp.from(clock.instant()))
                  .param("ids", stillKept.toArray(Long[]::new))
                  .update();
              return handedOver.size();
            });
    if (handed != null && handed > 0) {
      log.debug("{} kept events reached the waits that began meanwhile", handed);
    }
    return handed == null ? 0 : handed;
  }
}
