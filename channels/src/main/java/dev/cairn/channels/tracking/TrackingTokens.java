package dev.cairn.channels.tracking;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring tokens naming what a link is about: an open, a click on the message's n-th link,
 * or an unsubscribe, for the message sent by one journey step (its job key). A changed or expired
 * token is simply not recognised.
 */
@Component
class TrackingTokens {

  enum Kind {
    OPEN,
    CLICK,
    UNSUBSCRIBE,
    CONFIRM,
    // Appended, never inserted: a token carries its kind's position.
    PREFERENCES
  }

  record Claim(Kind kind, long jobKey, int link) {}

  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
  private static final int PAYLOAD = 1 + 8 + 4 + 8;
  private static final int SIGNATURE = 16;

  private final TrackingProperties properties;
  private final JdbcClient jdbc;
  private final Clock clock;
  private volatile byte[] key = new byte[0];

  TrackingTokens(TrackingProperties properties, JdbcClient jdbc, Clock clock) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  String sign(Kind kind, long jobKey, int link) {
    Instant expires = clock.instant().plus(properties.linkLifetime());
    ByteBuffer payload = ByteBuffer.allocate(PAYLOAD + SIGNATURE);
    payload
        .put((byte) kind.ordinal())
        .putLong(jobKey)
        .putInt(link)
        .putLong(expires.getEpochSecond());
    payload.put(mac(payload.array(), PAYLOAD), 0, SIGNATURE);
    return ENCODE.encodeToString(payload.array());
  }

  Optional<Claim> verify(String token) {
    byte[] bytes;
    try {
      bytes = DECODE.decode(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (bytes.length != PAYLOAD + SIGNATURE) {
      return Optional.empty();
    }
    byte[] expected = java.util.Arrays.copyOf(mac(bytes, PAYLOAD), SIGNATURE);
    byte[] given = java.util.Arrays.copyOfRange(bytes, PAYLOAD, PAYLOAD + SIGNATURE);
    if (!MessageDigest.isEqual(expected, given)) {
      return Optional.empty();
    }
    ByteBuffer payload = ByteBuffer.wrap(bytes);
    int kind = payload.get();
    long jobKey = payload.getLong();
    int link = payload.getInt();
    long expires = payload.getLong();
    if (kind < 0 || kind >= Kind.values().length || clock.instant().getEpochSecond() > expires) {
      return Optional.empty();
    }
    return Optional.of(new Claim(Kind.values()[kind], jobKey, link));
  }

  private byte[] mac(byte[] data, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      mac.update(data, 0, length);
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The configured secret, else one generated once and kept, so links survive restarts. */
  private byte[] key() {
    if (key.length == 0) {
      String secret = properties.secret();
      if (secret == null || secret.isBlank()) {
        byte[] generated = new byte[32];
        new SecureRandom().nextBytes(generated);
        jdbc.sql(
                "insert into app_secret (name, value) values ('tracking', :value) on conflict (name) do nothing")
            .param("value", HexFormat.of().formatHex(generated))
            .update();
        secret =
            jdbc.sql("select value from app_secret where name = 'tracking'")
                .query(String.class)
                .single();
      }
      key = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    return key;
  }
}
