package dev.cairn.ui.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Write keys authenticate event senders. Only their SHA-256 hashes are stored; a key is shown once,
 * when it is created. On first start Cairn creates one (or takes {@code cairn.api.write-key}).
 */
@Service
class WriteKeys {

  private static final Logger log = LoggerFactory.getLogger(WriteKeys.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final ApiProperties properties;

  WriteKeys(JdbcClient jdbc, ApiProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /**
   * The key sent as the Basic-auth user name, as Segment's libraries send it; "" when unreadable.
   */
  static @Nullable String fromBasicAuth(@Nullable String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              java.util.Base64.getDecoder().decode(header.substring(6).strip()),
              java.nio.charset.StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  @Transactional(readOnly = true)
  boolean isValid(@Nullable String key) {
    if (key == null || key.isBlank()) {
      return false;
    }
    return jdbc.sql("select exists(select 1 from api_write_key where key_hash = :hash)")
        .param("hash", hash(key))
        .query(Boolean.class)
        .single();
  }

  /** Makes sure a workspace has a key to send events with. */
  @EventListener(ApplicationReadyEvent.class)
  @Transactional
  void createFirstKey() {
    String configured = properties.writeKey();
    if (configured != null && !configured.isBlank()) {
      add("configured", configured);
      return;
    }
    long existing = jdbc.sql("select count(*) from api_write_key").query(Long.class).single();
    if (existing == 0) {
      String key = "wk_" + HexFormat.of().formatHex(randomBytes(20));
      add("default", key);
      log.warn(
          """

          ==================================================================
            Cairn event API write key (shown once, store it now):
              {}
            Send events with:  curl -u {}: http://localhost:8080/v1/track ...
          ==================================================================
          """,
          key,
          key);
    }
  }

  private void add(String name, String key) {
    jdbc.sql(
            "insert into api_write_key (name, key_hash) values (:name, :hash) on conflict (key_hash) do nothing")
        .param("name", name)
        .param("hash", hash(key))
        .update();
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static String hash(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
