package dev.cairn.channels.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * Posts one webhook request: one request per attempt (the engine does the retrying, counted and
 * with backoff), no redirects followed, the whole exchange within the step's timeout. The
 * receiver's name is resolved once per connection, by the {@link AddressPolicy}, and the connection
 * goes to an address it allowed: a name that resolves to an internal address, also one that changes
 * its answer between a check and the call, is not called.
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

    /** Not called: the address is one webhooks may not call; {@code reason} says which setting. */
    record Refused(String reason, Duration took) implements Answer {}
  }

  private static final int BODY_SHOWN = 200;

  /**
   * Enough of an answer to explain a refusal; a receiver's 50 MB error page is not kept in memory.
   */
  private static final int BODY_KEPT = 4096;

  private final AddressPolicy policy;
  private final CloseableHttpClient http;
  private final ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();

  WebhookClient(AddressPolicy policy) {
    this.policy = policy;
    DnsResolver checked =
        new DnsResolver() {
          @Override
          public InetAddress[] resolve(String host) throws UnknownHostException {
            return policy.resolve(host);
          }

          @Override
          public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
          }
        };
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(checked)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(WebhookTarget.LONGEST_TIMEOUT))
                            .build())
                    .build())
            // A redirect would lead the call to an address nobody checked; a 3xx is an answer.
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .build();
  }

  /** What is wrong with calling {@code url} as written, before any name is resolved. */
  Optional<String> addressProblem(URI url) {
    return policy.literalProblem(url);
  }

  Answer post(WebhookTarget target, String body, Map<String, String> headers) {
    long started = System.nanoTime();
    Optional<String> literal =
        Optional.ofNullable(target.url().getHost()).flatMap(policy::literalRefusal);
    if (literal.isPresent()) {
      return new Answer.Refused(literal.get(), since(started));
    }
    HttpPost request = new HttpPost(withoutUserInfo(target.url()));
    request.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(Timeout.of(target.timeout()))
            .setConnectionRequestTimeout(Timeout.of(target.timeout()))
            .build());
    headers.forEach(request::setHeader);
    request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    Future<Answer> exchange = exchanges.submit(() -> exchange(request, started));
    try {
      // The response timeout covers the waits between bytes only; a receiver trickling out its
      // answer is cut off too.
      return exchange.get(target.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      request.cancel();
      exchange.cancel(true);
      return new Answer.NoAnswer(
          "no answer within " + target.timeout().toMillis() + " ms", since(started));
    } catch (ExecutionException e) {
      return new Answer.NoAnswer(describe(e.getCause()), since(started));
    } catch (InterruptedException e) {
      request.cancel();
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return new Answer.NoAnswer("interrupted while waiting for an answer", since(started));
    }
  }

  private Answer exchange(HttpPost request, long started) throws IOException {
    try (ClassicHttpResponse response = http.executeOpen(null, request, null)) {
      return new Answer.Status(response.getCode(), start(firstBytes(response)), since(started));
    } catch (IOException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof AddressPolicy.Refused refused) {
          return new Answer.Refused(refused.getMessage(), since(started));
        }
      }
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    http.close();
    exchanges.shutdownNow();
  }

  /** The body's first bytes as text; the rest is not read, the connection is dropped instead. */
  private static String firstBytes(ClassicHttpResponse response) throws IOException {
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return "";
    }
    try (InputStream in = entity.getContent()) {
      return new String(in.readNBytes(BODY_KEPT), StandardCharsets.UTF_8);
    }
  }

  /** Credentials in the address are not sent: the timeline never shows them, nor does the call. */
  private static URI withoutUserInfo(URI url) {
    if (url.getRawUserInfo() == null) {
      return url;
    }
    try {
      return new URI(
          url.getScheme()
              + "://"
              + url.getRawAuthority().replaceFirst("^.*@", "")
              + (url.getRawPath() == null ? "" : url.getRawPath())
              + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a webhook address: " + url, e);
    }
  }

  private String describe(Throwable cause) {
    return switch (cause) {
      case SocketTimeoutException timeout -> "no answer in time (" + timeout.getMessage() + ")";
      case ConnectException refused ->
          "could not connect ("
              + (refused.getMessage() == null ? refused : refused.getMessage())
              + ")";
      case UnknownHostException unknown ->
          "could not find the server " + unknown.getMessage() + " (no such name)";
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
