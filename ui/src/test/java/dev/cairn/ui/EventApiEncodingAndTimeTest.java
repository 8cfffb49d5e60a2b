package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.contact.Contacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Compressed bodies, as tracking libraries send them, and senders' clocks that are wrong. */
class EventApiEncodingAndTimeTest extends CairnIntegrationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired Contacts contacts;
  @Autowired JdbcClient jdbc;

  @Test
  void a_gzip_compressed_batch_is_unpacked_and_stored() throws Exception {
    String user = "u-" + UUID.randomUUID();
    String batch =
        "{\"batch\":[{\"type\":\"identify\",\"userId\":\"%s\",\"traits\":{\"firstName\":\"Gus\"}}]}"
            .formatted(user);

    HttpResponse<String> response = send("/v1/batch", gzip(batch.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contacts.findByUserId(user).orElseThrow().firstName()).isEqualTo("Gus");
  }

  @Test
  void a_gzip_compressed_list_call_is_unpacked_too() throws Exception {
    String name = "Gzip list " + UUID.randomUUID();

    HttpResponse<String> response =
        send("/v1/lists", gzip(("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void a_small_gzip_bomb_is_refused_with_413_and_nothing_is_stored() throws Exception {
    long events = count("contact_event");
    // 50 MB of spaces inside a JSON string: about 50 KB compressed.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write("{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"".getBytes());
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 50; i++) {
        out.write(spaces);
      }
      out.write("\"}]}".getBytes());
    }
    assertThat(bytes.size()).isLessThan(100 * 1024);

    HttpResponse<String> response = send("/v1/batch", bytes.toByteArray());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("Unpacked, the body is over 500 KB");
    assertThat(count("contact_event")).isEqualTo(events);
  }

  @Test
  void a_body_that_says_gzip_but_is_not_is_a_400() throws Exception {
    HttpResponse<String> response =
        send("/v1/track", "{\"userId\":\"u\",\"event\":\"E\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("malformed-gzip");
  }

  @Test
  void a_date_in_the_year_9999_does_not_freeze_a_contacts_traits() {
    String user = "u-" + UUID.randomUUID();
    HttpResponse<String> future =
        post(
            "/v1/identify",
            "{\"userId\":\"%s\",\"timestamp\":\"9999-12-31T00:00:00Z\",\"traits\":{\"firstName\":\"Old\"}}"
                .formatted(user));
    post("/v1/identify", "{\"userId\":\"%s\",\"traits\":{\"firstName\":\"New\"}}".formatted(user));

    assertThat(future.statusCode()).isEqualTo(200);
    assertThat(future.body()).contains("in the future");
    assertThat(contacts.findByUserId(user).orElseThrow().firstName()).isEqualTo("New");
  }

  private HttpResponse<String> send(String path, byte[] gzipped)
      throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder().encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header("Content-Encoding", "gzip")
            .header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(body);
    }
    return bytes.toByteArray();
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
