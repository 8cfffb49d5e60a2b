package dev.cairn.ui.demo;

import dev.cairn.engine.contact.Identity;
import dev.cairn.engine.contact.Traits;
import dev.cairn.engine.event.EventIngestion;
import dev.cairn.engine.event.EventType;
import dev.cairn.engine.event.IncomingEvent;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Seeds sample contacts on first start and then behaves like a small shop's customers: people sign
 * up, look at products, and some place their first order. Everything goes through the same event
 * ingestion the API uses. Switch off with {@code cairn.demo.enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "cairn.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoSimulator implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);
  private static final String DEMO_PREFIX = "demo-";

  private final EventIngestion ingestion;
  private final JdbcClient jdbc;
  private final DemoProperties properties;
  private final Clock clock;
  private final RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
  private volatile boolean running;
  private Thread thread = new Thread(() -> {});

  DemoSimulator(EventIngestion ingestion, JdbcClient jdbc, DemoProperties properties, Clock clock) {
    this.ingestion = ingestion;
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    running = true;
    thread = Thread.ofPlatform().name("cairn-demo").daemon().start(this::run);
  }

  @Override
  public void start() {}

  @Override
  public void stop() {
    running = false;
    thread.interrupt();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    try {
      seedOnce();
      while (running) {
        Thread.sleep(properties.tick());
        act();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("The demo simulator stopped", e);
    }
  }

  /** Creates the sample contacts unless an earlier start already did; half of them sign up now. */
  private void seedOnce() {
    long existing = demoContacts();
    if (existing > 0) {
      return;
    }
    log.info("Creating {} demo contacts", properties.contacts());
    for (int number = 1; number <= properties.contacts() && running; number++) {
      String userId = DEMO_PREFIX + number;
      Map<String, Object> traits = DemoPeople.traits(number, random);
      send(EventType.IDENTIFY, userId, null, Map.of(), traits);
      if (number % 2 == 0) {
        send(EventType.TRACK, userId, "Signed Up", DemoPeople.signUp(random), traits);
      }
    }
  }

  /** One tick of customer behaviour. */
  private void act() {
    long count = demoContacts();
    int roll = random.nextInt(10);
    if (roll < 3) {
      long number = count + 1;
      send(
          EventType.TRACK,
          DEMO_PREFIX + number,
          "Signed Up",
          DemoPeople.signUp(random),
          DemoPeople.traits((int) number, random));
    } else if (roll < 6) {
      send(
          EventType.TRACK,
          randomContact(count),
          "Order Completed",
          DemoPeople.order(random),
          Map.of());
    } else {
      send(
          EventType.TRACK,
          randomContact(count),
          "Product Viewed",
          DemoPeople.productView(random),
          Map.of());
    }
  }

  private String randomContact(long count) {
    return DEMO_PREFIX + (1 + random.nextLong(Math.max(1, count)));
  }

  private long demoContacts() {
    return jdbc.sql("select count(*) from contact where external_id like 'demo-%'")
        .query(Long.class)
        .single();
  }

  private void send(
      EventType type,
      String userId,
      @Nullable String name,
      Map<String, Object> properties,
      Map<String, Object> traits) {
    ingestion.ingest(
        new IncomingEvent(
            UUID.randomUUID().toString(),
            type,
            new Identity(userId, null),
            name,
            properties,
            Traits.fromSegment(traits),
            clock.instant()));
  }
}
