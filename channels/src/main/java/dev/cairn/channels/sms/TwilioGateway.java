package dev.cairn.channels.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.jspecify.annotations.Nullable;

/** Sends one text message through Twilio's REST API and says how it went. */
class TwilioGateway {

  /** Twilio error codes that will not change on a retry: the message is failed for good. */
  static final Set<Integer> PERMANENT = Set.of(21211, 21408, 21610, 21612, 21614);

  /** "The recipient has replied STOP": also an opt-out. */
  static final int UNSUBSCRIBED = 21610;

  sealed interface Outcome {
    record Sent(String sid) implements Outcome {}

    record Refused(int code, String reason) implements Outcome {}

    record TryLater(String reason) implements Outcome {}
  }

  private final SmsProperties properties;
  private final TwilioRestClient client;

  TwilioGateway(SmsProperties properties) {
    this.properties = properties;
    this.client =
        new TwilioRestClient.Builder(
                Objects.requireNonNull(properties.accountSid()),
                Objects.requireNonNull(properties.authToken()))
            .httpClient(new OneAttempt(http(properties.apiBaseUrl())))
            .build();
  }

  Outcome send(String to, String body, @Nullable String statusCallback) {
    try {
      MessageCreator creator =
          properties.messagingServiceSid() != null && !properties.messagingServiceSid().isBlank()
              ? Message.creator(new PhoneNumber(to), properties.messagingServiceSid(), body)
              : Message.creator(
                  new PhoneNumber(to),
                  new PhoneNumber(
                      Objects.requireNonNull(
                          properties.fromNumber(),
                          "cairn.sms.from-number or messaging-service-sid")),
                  body);
      if (statusCallback != null) {
        creator.setStatusCallback(URI.create(statusCallback));
      }
      return new Outcome.Sent(creator.create(client).getSid());
    } catch (ApiException e) {
      Integer code = e.getCode();
      Integer status = e.getStatusCode();
      if (code != null && PERMANENT.contains(code)) {
        return new Outcome.Refused(code, "Twilio " + code + ": " + e.getMessage());
      }
      if (status != null && (status == 401 || status == 403)) {
        // Cairn's own setup, not the recipient: fail the job (an incident once retries run out)
        // rather than mark every message failed; retrying the incident sends once it is fixed.
        return new Outcome.TryLater(
            "Twilio refused Cairn's credentials ("
                + status
                + "): check cairn.sms.account-sid and auth-token. "
                + e.getMessage());
      }
      if (status != null && status >= 400 && status < 500 && status != 429) {
        return new Outcome.Refused(
            code == null ? status : code,
            "Twilio " + (code == null ? status : code) + ": " + e.getMessage());
      }
      return new Outcome.TryLater(
          "Twilio " + (status == null ? "" : status + " ") + e.getMessage());
    } catch (ApiConnectionException e) {
      return new Outcome.TryLater("Twilio unreachable: " + e.getMessage());
    }
  }

  /** Apache's client as the SDK sets it up, minus its retries; routed to a stand-in when asked. */
  private static HttpClientBuilder http(@Nullable String apiBaseUrl) {
    HttpClientBuilder http =
        HttpClientBuilder.create()
            .useSystemProperties()
            // Its default strategy sends a POST again on 429 and 503 (see OneAttempt).
            .disableAutomaticRetries()
            .setDefaultRequestConfig(HttpClient.DEFAULT_REQUEST_CONFIG)
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultSocketConfig(HttpClient.DEFAULT_SOCKET_CONFIG)
                    .setMaxConnPerRoute(20)
                    .setMaxConnTotal(100)
                    .build());
    if (apiBaseUrl != null && !apiBaseUrl.isBlank()) {
      URI base = URI.create(apiBaseUrl);
      HttpHost host = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
      http.setRoutePlanner((target, context) -> new HttpRoute(host));
    }
    return http;
  }

  /**
   * The SDK posts a request again, at once, on any 5xx. Creating a message is not idempotent, so
   * one request per attempt: the job fails and the engine retries it with backoff, counted and
   * visible, after the step has looked at its ledger.
   */
  private static final class OneAttempt extends NetworkHttpClient {

    OneAttempt(HttpClientBuilder http) {
      super(http);
    }

    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
      return false;
    }
  }
}
