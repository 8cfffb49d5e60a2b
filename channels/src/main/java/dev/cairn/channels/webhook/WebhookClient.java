package dev.cairn.channels.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Posts one webhook request with the JDK's HTTP client: one request per attempt (the engine does
 * the retrying, counted and with backoff), no redirects followed, the whole exchange within the
 * step's timeout.
 */
@Component
class WebhookClient implements AutoCloseable {

  /** What came of one request. */
  sealed interface Answer {
    Duration took();

    /** The receiver answered with this status; {@code body} is its start, for the reason shown. */
    record Status(int code, String body, Duration took) implements Answer {}

    /** No answer: the receiver could not be reached, or did not answer in time. */
    record NoAnswer(String error, Duration took) implements Answer {}
  }

  private static final int BODY_SHOWN = 200;

  /**
   * Enough of an answer to explain a refusal; a receiver's 50 MB error page is not kept in memory.
   */
  private static final int BODY_KEPT = 4096;

  private final HttpClient http =
      HttpClient.newBuilder()
          // Receivers are web apps of every kind; HTTP/1.1 is the one they all speak.
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(WebhookTarget.LONGEST_TIMEOUT)
          .build();

  Answer post(WebhookTarget target, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.url())
            .timeout(target.timeout())
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> exchange =
        http.sendAsync(request.build(), WebhookClient::firstBytes);
    try {
      // The request timeout covers the wait for the headers only; a receiver trickling out its body
      // is cut off too.
      HttpResponse<String> response =
          exchange.get(target.timeout().toNanos(), TimeUnit.NANOSECONDS);
      return new Answer.Status(response.statusCode(), start(response.body()), since(started));
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return new Answer.NoAnswer(
          "no answer within " + target.timeout().toMillis() + " ms", since(started));
    } catch (ExecutionException e) {
      return new Answer.NoAnswer(describe(e.getCause()), since(started));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return new Answer.NoAnswer("interrupted while waiting for an answer", since(started));
    }
  }

  @Override
  public void close() {
    http.close();
  }

  /**
   * The body's first bytes as text; the rest is read and dropped, so the connection stays usable.
   */
  private static HttpResponse.BodySubscriber<String> firstBytes(HttpResponse.ResponseInfo info) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    return HttpResponse.BodySubscribers.mapping(
        HttpResponse.BodySubscribers.ofByteArrayConsumer(
            chunk ->
                chunk.ifPresent(
                    bytes ->
                        kept.write(bytes, 0, Math.min(bytes.length, BODY_KEPT - kept.size())))),
        done -> kept.toString(StandardCharsets.UTF_8));
  }

  private String describe(Throwable cause) {
    return switch (cause) {
      case HttpTimeoutException timeout -> "no answer in time (" + timeout.getMessage() + ")";
      case ConnectException refused ->
          "could not connect ("
              + (refused.getMessage() == null ? refused : refused.getMessage())
              + ")";
      case IOException io -> "connection failed (" + io + ")";
      default -> cause.toString();
    };
  }

  private static String start(String body) {
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() <= BODY_SHOWN ? flat : flat.substring(0, BODY_SHOWN) + "…";
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
