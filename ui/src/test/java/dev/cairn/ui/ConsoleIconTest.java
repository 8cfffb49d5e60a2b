package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The console's pages name Cairn's icon, and it is served to a browser that is not signed in. */
class ConsoleIconTest extends CairnIntegrationTest {

  @Test
  void the_sign_in_page_links_the_icon_and_the_icon_is_served_without_signing_in()
      throws Exception {
    HttpResponse<String> login = get("/login");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("rel=\"icon\"").contains("icons/cairn.svg");

    HttpResponse<String> icon = get("/icons/cairn.svg");
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
    assertThat(icon.body()).contains("<svg");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
