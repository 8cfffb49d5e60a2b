package dev.cairn.channels.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signs webhook requests so receivers can tell they come from this Cairn and were not replayed
 * later: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. The secret is {@code
 * cairn.webhooks.signing-secret}, else one Cairn generates on first start, prints once (receivers
 * need it) and keeps in its database, so it survives restarts and is shared by every replica.
 */
@Component
class WebhookSigning {

  static final String SECRET_NAME = "webhook-signing";
  private static final Logger log = LoggerFactory.getLogger(WebhookSigning.class);

  private final WebhookProperties properties;
  private final JdbcClient jdbc;
  private volatile byte[] key = new byte[0];

  WebhookSigning(WebhookProperties properties, JdbcClient jdbc) {
    this.properties = properties;
    this.jdbc = jdbc;
  }

  /** The {@code X-Cairn-Signature} value for a body sent at {@code timestamp} (unix seconds). */
  String signature(long timestamp, String body) {
    return "t=" + timestamp + ",v1=" + hmac(key(), timestamp + "." + body);
  }

  static String hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * On first start, makes the secret and shows it once; on later starts there is nothing to say.
   */
  @EventListener(ApplicationReadyEvent.class)
  void createSecretOnFirstStart() {
    if (configured()) {
      return;
    }
    String generated = "whsec_" + HexFormat.of().formatHex(randomBytes());
    // Several replicas may start at once against one database: only the one whose insert wins
    // prints.
    boolean created =
        jdbc.sql(
                    "insert into app_secret (name, value) values (:name, :value) on conflict (name) do nothing")
                .param("name", SECRET_NAME)
                .param("value", generated)
                .update()
            == 1;
    if (created) {
      log.warn(
          """

          ==================================================================
            Cairn webhook signing secret (shown once, store it now):
              {}
            Webhook receivers check X-Cairn-Signature with it.
            Lost it? Start Cairn with --cairn.webhooks.signing-secret=<new one>.
          ==================================================================
          """,
          generated);
    }
  }

  private byte[] key() {
    if (key.length == 0) {
      if (!configured()) {
        createSecretOnFirstStart();
      }
      String secret =
          configured()
              ? properties.signingSecret()
              : jdbc.sql("select value from app_secret where name = :name")
                  .param("name", SECRET_NAME)
                  .query(String.class)
                  .single();
      key = secret.getBytes(StandardCharsets.UTF_8);
    }
    return key;
  }

  private boolean configured() {
    return properties.signingSecret() != null && !properties.signingSecret().isBlank();
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
