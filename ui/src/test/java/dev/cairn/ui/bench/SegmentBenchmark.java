package dev.cairn.ui.bench;

import dev.cairn.engine.segment.AttributeOperator;
import dev.cairn.engine.segment.SegmentRule;
import dev.cairn.engine.segment.SegmentRule.Activity;
import dev.cairn.engine.segment.SegmentRule.All;
import dev.cairn.engine.segment.SegmentRule.Attribute;
import dev.cairn.engine.segment.Segments;
import dev.cairn.ui.CairnIntegrationTest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Prints how long PostgreSQL takes to count typical segments over 1,000,000 events
 * ({@code -Dbench.events=...}) of 50,000 contacts. Run with {@code ./cairn bench}.
 */
class SegmentBenchmark extends CairnIntegrationTest {

  private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
  private static final int CONTACTS = 50_000;
  private static final int RUNS = 5;

  @Autowired Segments segments;
  @Autowired JdbcClient jdbc;

  @Test
  void segment_counts_over_a_million_events() {
    long plantStart = System.nanoTime();
    plant();
    double plantSeconds = (System.nanoTime() - plantStart) / 1e9;

    Map<String, SegmentRule> rules = new LinkedHashMap<>();
    rules.put("attribute: trait plan is Pro", new Attribute("trait:plan", AttributeOperator.EQUALS, "Pro"));
    rules.put("ordered in the last 30 days", new Activity("Order Completed", true, 1, 30, null, null));
    rules.put("VIP: 3+ orders worth 500+ in a year", new Activity("Order Completed", true, 3, 365, "revenue", new BigDecimal("500")));
    rules.put(
        "at risk: ordered, not in 90 days",
        new All(List.of(new Activity("Order Completed", true, 1, null, null, null), new Activity("Order Completed", false, 1, 90, null, null))));
    rules.put(
        "cart abandoners, Pro plan",
        new All(
            List.of(
                new Attribute("trait:plan", AttributeOperator.EQUALS, "Pro"),
                new Activity("Product Added", true, 1, 1, null, null),
                new Activity("Order Completed", false, 1, 1, null, null))));

    StringBuilder report = new StringBuilder();
    for (var rule : rules.entrySet()) {
      segments.count(rule.getValue());
      long best = Long.MAX_VALUE;
      long count = 0;
      for (int run = 0; run < RUNS; run++) {
        long start = System.nanoTime();
        count = segments.count(rule.getValue());
        best = Math.min(best, System.nanoTime() - start);
      }
      report.append("%-40s %8d contacts  %7.1f ms%n".formatted(rule.getKey(), count, best / 1e6));
    }
    System.out.printf(
        """

        === Cairn benchmark: segment counts (embedded PostgreSQL, %d cores) ===
        planted                    %d events of %d contacts in %.1f s
        best of %d runs:
        %s=======================================================================
        %n""",
        Runtime.getRuntime().availableProcessors(),
        EVENTS,
        CONTACTS,
        plantSeconds,
        RUNS,
        report);
  }

  /** Contacts with a plan trait; events spread over two years: views, cart adds, orders with revenue. */
  private void plant() {
    jdbc.sql(
            """
            insert into contact (id, external_id, email, traits, created_at, updated_at, last_seen_at)
            select gen_random_uuid(), 'seg-bench-' || n, 'seg-bench-' || n || '@example.com',
                   jsonb_build_object('plan', case when n % 4 = 0 then 'Pro' else 'Free' end),
                   now() - make_interval(days => n % 700), now(), now() - make_interval(days => n % 200)
            from generate_series(1, :contacts) n
            """)
        .param("contacts", CONTACTS)
        .update();
    jdbc.sql(
            """
            insert into contact_event (message_id, contact_id, type, name, properties, occurred_at, received_at, processed_at)
            select 'seg-bench-' || e.n, c.id, 'TRACK',
                   case when e.n % 10 = 0 then 'Order Completed' when e.n % 10 < 3 then 'Product Added' else 'Product Viewed' end,
                   case when e.n % 10 = 0 then jsonb_build_object('revenue', (e.n % 300) + 20) else '{}'::jsonb end,
                   now() - make_interval(mins => ((e.n::bigint * 7919) % (730 * 24 * 60))::int), now(), now()
            from generate_series(1, :events) e(n)
            join lateral (select id from contact where external_id = 'seg-bench-' || ((e.n % :contacts) + 1)) c on true
            """)
        .param("events", EVENTS)
        .param("contacts", CONTACTS)
        .update();
    jdbc.sql("analyze contact").update();
    jdbc.sql("analyze contact_event").update();
  }
}
