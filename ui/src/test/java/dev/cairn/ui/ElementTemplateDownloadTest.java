package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Whoever draws journeys in Camunda Modeler downloads the Cairn palette from the running
 * application.
 */
class ElementTemplateDownloadTest extends CairnIntegrationTest {

  @Test
  void the_element_templates_download_without_a_console_login() throws Exception {
    HttpResponse<String> download;
    try (HttpClient client = HttpClient.newHttpClient()) {
      download =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/element-templates/cairn.json"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(download.body()).isEqualTo(shipped());
  }

  private static String shipped() throws Exception {
    try (InputStream in =
        ElementTemplateDownloadTest.class
            .getClassLoader()
            .getResourceAsStream("cairn/element-templates/cairn.json")) {
      assertThat(in).as("the templates on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
