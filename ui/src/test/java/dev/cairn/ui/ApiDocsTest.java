package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The event API is described where integrators look, and the description covers every endpoint. */
class ApiDocsTest extends CairnIntegrationTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void the_openapi_document_describes_every_event_endpoint_the_application_serves()
      throws Exception {
    HttpResponse<String> document = get("/openapi.yaml");

    assertThat(document.statusCode()).isEqualTo(200);
    List<String> served =
        mappings.getHandlerMethods().keySet().stream()
            .flatMap(info -> info.getPatternValues().stream())
            .filter(path -> path.startsWith("/v1/"))
            .toList();
    assertThat(served).hasSizeGreaterThanOrEqualTo(7);
    assertThat(served)
        .allSatisfy(path -> assertThat(document.body()).contains("\n  " + path + ":\n"));
  }

  @Test
  void the_openapi_document_says_a_partly_rejected_batch_answers_200_and_where_rejections_go()
      throws Exception {
    String document = get("/openapi.yaml").body();

    assertThat(document)
        .contains("A batch with some bad calls still answers 200")
        .contains("Rejected calls page")
        .contains("Content-Encoding: gzip");
  }

  @Test
  void swagger_ui_is_open_without_a_console_login() throws Exception {
    HttpResponse<String> page = get("/swagger-ui/index.html");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("swagger");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
