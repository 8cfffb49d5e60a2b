package dev.cairn.ui;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application as a user runs it: the embedded journey engine on embedded PostgreSQL,
 * GreenMail as the SMTP server. Every test class extending this shares one running application
 * (Spring caches the context), so it starts once per test run.
 */
@SpringBootTest(
    classes = CairnApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cairn.demo.enabled=false",
      "cairn.api.write-key=" + CairnIntegrationTest.WRITE_KEY,
      // Low enough for a test to reach with one source key; the other tests use the server key.
      "cairn.api.rate-limit.source.requests=" + CairnIntegrationTest.SOURCE_KEY_CALLS_PER_MINUTE,
      "cairn.api.rate-limit.source.per=1m",
      "cairn.admin.password=" + CairnIntegrationTest.ADMIN_PASSWORD,
      "cairn.webhooks.signing-secret=" + CairnIntegrationTest.WEBHOOK_SECRET,
      "cairn.webhooks.retry-backoff=PT1S",
      // The tests' webhook receivers listen on the loopback address.
      "cairn.webhooks.allowed-private-networks=127.0.0.1",
      "cairn.mail.security=NONE",
      "cairn.mail.from=Acme <hello@acme.test>",
      "cairn.journeys.longest-wait=PT20S",
      "cairn.journeys.schedule-check=PT2S",
      "server.address=127.0.0.1"
    })
public abstract class CairnIntegrationTest {

  public static final String WRITE_KEY = "wk_test_key";
  public static final int SOURCE_KEY_CALLS_PER_MINUTE = 30;
  public static final String ADMIN_PASSWORD = "test-admin-password";
  public static final String WEBHOOK_SECRET = "whsec_test_secret";

  protected static final GreenMail SMTP = startSmtp();

  /** Twilio's REST API as journeys' SMS steps reach it: every message is accepted and queued. */
  protected static final WireMockServer TWILIO = startTwilio();

  protected static final String TWILIO_ACCOUNT = "AC00000000000000000000000000000099";
  private static final Path DATA_DIR = dataDir();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort protected int port;

  @org.springframework.beans.factory.annotation.Autowired
  private dev.cairn.engine.journey.track.JourneyTracking journeyTracking;

  @org.springframework.beans.factory.annotation.Autowired
  private dev.cairn.engine.contact.Contacts contactDirectory;

  @org.springframework.beans.factory.annotation.Autowired
  private ObjectProvider<SecurityContextHolderStrategy> securityContexts;

  /**
   * Does {@code work} signed in with these authorities, as the application sees it: in its own
   * security context holder (another application of the same JVM may have replaced the static one).
   */
  protected <T> T signedInAs(String user, List<String> authorities, Supplier<T> work) {
    SecurityContextHolderStrategy holder =
        securityContexts.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            user, null, authorities.stream().map(SimpleGrantedAuthority::new).toList()));
    holder.setContext(context);
    try {
      return work.get();
    } finally {
      holder.clearContext();
    }
  }

  @DynamicPropertySource
  static void embeddedRuntime(DynamicPropertyRegistry registry) {
    registry.add("cairn.data-dir", DATA_DIR::toString);
    registry.add("cairn.mail.host", () -> "127.0.0.1");
    registry.add("cairn.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("cairn.sms.account-sid", () -> TWILIO_ACCOUNT);
    registry.add("cairn.sms.auth-token", () -> "twilio-shared-test-token");
    registry.add("cairn.sms.messaging-service-sid", () -> "MG00000000000000000000000000000099");
    registry.add("cairn.sms.api-base-url", () -> "http://127.0.0.1:" + TWILIO.port());
    EmbeddedPorts.register(registry);
  }

  protected HttpResponse<String> post(String path, String body) {
    return post(path, body, WRITE_KEY);
  }

  protected HttpResponse<String> post(String path, String body, String writeKey) {
    return request("POST", path, body, writeKey);
  }

  /**
   * Calls the API with {@code writeKey} as the Basic-auth user name (none when null); {@code body}
   * null sends none.
   */
  protected HttpResponse<String> request(
      String method, String path, @Nullable String body, @Nullable String writeKey) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (writeKey != null) {
      String basic =
          Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
      builder.header("Authorization", "Basic " + basic);
    }
    HttpRequest request = builder.build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until the contact with this user id has passed {@code element}; the nodes they passed, in
   * order.
   */
  protected List<String> awaitPath(String user, String element) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                journeyTracking
                    .path(contactDirectory.findByUserId(user).orElseThrow().id())
                    .stream()
                    .map(dev.cairn.engine.journey.track.ElementVisit::elementId)
                    .toList(),
            path -> path.contains(element));
  }

  /** Messages the SMTP server received for {@code <user>@example.com}, the tests' addresses. */
  protected static List<MimeMessage> emailsTo(String user) {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(message -> recipient(message).equals(user + "@example.com"))
        .toList();
  }

  /** Waits for the message with this subject to reach the SMTP server. */
  protected static MimeMessage awaitEmail(String user, String subject) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                emailsTo(user).stream()
                    .filter(message -> subject(message).equals(subject))
                    .findFirst()
                    .orElse(null),
            Objects::nonNull);
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static WireMockServer startTwilio() {
    WireMockServer twilio =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    twilio.start();
    twilio.stubFor(
        WireMock.post(WireMock.urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages.json"))
            .willReturn(
                WireMock.aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\"}")
                    .withTransformers("response-template")));
    Runtime.getRuntime().addShutdownHook(new Thread(twilio::stop));
    return twilio;
  }

  private static GreenMail startSmtp() {
    GreenMail smtp =
        new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
    return smtp;
  }

  private static Path dataDir() {
    try {
      return Files.createDirectories(Path.of("target", "test-data", UUID.randomUUID().toString()))
          .toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
