package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A batch is stored in one transaction, locking each contact it names. Two batches naming the same
 * contacts in opposite orders at the same moment can lock each other out; then the one PostgreSQL
 * gives up on is stored call by call instead, and the sender never sees it.
 */
class ConcurrentBatchesTest extends CairnIntegrationTest {

  private static final int CONTACTS = 6;
  private static final int ROUNDS = 8;

  @Autowired JdbcClient jdbc;

  @Test
  void batches_naming_the_same_contacts_in_opposite_orders_are_all_stored() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> users = IntStream.range(0, CONTACTS).mapToObj(i -> "u-" + run + "-" + i).toList();
    assertThat(post("/v1/batch", batch(users, run + "-first")).statusCode())
        .isEqualTo(200); // the contacts exist

    List<String> reversed = new ArrayList<>(users);
    Collections.reverse(reversed);
    List<HttpResponse<String>> answers = new ArrayList<>();
    try (ExecutorService senders = Executors.newFixedThreadPool(2)) {
      for (int round = 0; round < ROUNDS; round++) {
        CountDownLatch together = new CountDownLatch(2);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (List<String> order : List.of(users, reversed)) {
          String body = batch(order, run + "-" + round + "-" + order.getFirst());
          sent.add(
              senders.submit(
                  () -> {
                    together.countDown();
                    together.await();
                    return post("/v1/batch", body);
                  }));
        }
        for (Future<HttpResponse<String>> answer : sent) {
          answers.add(answer.get());
        }
      }
    }

    assertThat(answers)
        .allSatisfy(
            answer -> {
              assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
              assertThat(answer.body()).contains("\"stored\":" + 2 * CONTACTS, "\"rejected\":0");
            });
    long stored =
        jdbc.sql("select count(*) from contact_event where name like :run")
            .param("run", "Viewed " + run + "%")
            .query(Long.class)
            .single();
    assertThat(stored).isEqualTo((long) (1 + 2 * ROUNDS) * CONTACTS);
  }

  /** Each contact twice: a trait update (which locks the contact) and a page event. */
  private static String batch(List<String> users, String tag) {
    List<String> calls = new ArrayList<>();
    for (String user : users) {
      calls.add(
          "{\"type\":\"identify\",\"userId\":\"%s\",\"traits\":{\"last_batch\":\"%s\"}}"
              .formatted(user, tag));
      calls.add(
          "{\"type\":\"track\",\"userId\":\"%s\",\"event\":\"Viewed %s\"}".formatted(user, tag));
    }
    return "{\"batch\":[" + String.join(",", calls) + "]}";
  }
}
