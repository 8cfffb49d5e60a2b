package dev.cairn.ui.writekey;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Write keys authenticate API callers. Only their SHA-256 hashes are stored; a key is shown once,
 * when it is created or rotated. On first start Cairn creates a server key named "Default" (or
 * takes {@code cairn.api.write-key}). Only admins list, create, rotate and revoke keys.
 */
@Service
public class WriteKeys {

  static final String FIRST_KEY_NAME = "Default";
  private static final Logger log = LoggerFactory.getLogger(WriteKeys.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = "id, name, scope, created_at, last_used_at, revoked_at";

  private final JdbcClient jdbc;
  private final @Nullable String configuredKey;

  WriteKeys(
      JdbcClient jdbc, @Value("${cairn.api.write-key:#{null}}") @Nullable String configuredKey) {
    this.jdbc = jdbc;
    this.configuredKey = configuredKey;
  }

  /** Every key, working ones first, newest first. */
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional(readOnly = true)
  public List<WriteKey> all() {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from api_write_key order by revoked_at is not null, created_at desc, id desc")
        .query((rs, row) -> read(rs))
        .list();
  }

  /** Creates a key; the answer holds its secret, which Cairn does not keep. */
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  public NewWriteKey create(String name, WriteKeyScope scope) {
    String trimmed = name.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(
          "A write key needs a name that says where it is used, e.g. \"Website\" or \"Billing server\".");
    }
    String secret = newSecret();
    long id =
        jdbc.sql(
                "insert into api_write_key (name, key_hash, scope) values (:name, :hash, :scope) returning id")
            .param("name", trimmed)
            .param("hash", hash(secret))
            .param("scope", scope.name())
            .query(Long.class)
            .single();
    return new NewWriteKey(find(id), secret);
  }

  /**
   * Gives the key a new secret, keeping its name and scope; the old secret stops working at once.
   */
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  public NewWriteKey rotate(long id) {
    String secret = newSecret();
    int changed =
        jdbc.sql(
                "update api_write_key set key_hash = :hash, last_used_at = null where id = :id and revoked_at is null")
            .param("hash", hash(secret))
            .param("id", id)
            .update();
    if (changed == 0) {
      throw new IllegalStateException(
          "Write key " + id + " is revoked or gone; create a new key instead.");
    }
    return new NewWriteKey(find(id), secret);
  }

  /** Stops the key from authenticating any further call; it stays listed as revoked. */
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  public void revoke(long id) {
    jdbc.sql("update api_write_key set revoked_at = now() where id = :id and revoked_at is null")
        .param("id", id)
        .update();
  }

  /**
   * The working key with this secret, if any, noting that it was used (at most once a minute, so a
   * busy key does not write on every call).
   */
  @Transactional
  Optional<WriteKey> authenticate(@Nullable String secret) {
    if (secret == null || secret.isBlank()) {
      return Optional.empty();
    }
    Optional<WriteKey> key =
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from api_write_key where key_hash = :hash and revoked_at is null")
            .param("hash", hash(secret))
            .query((rs, row) -> read(rs))
            .optional();
    key.ifPresent(
        found ->
            jdbc.sql(
                    """
                    update api_write_key set last_used_at = now()
                    where id = :id and (last_used_at is null or last_used_at < now() - interval '1 minute')
                    """)
                .param("id", found.id())
                .update());
    return key;
  }

  /** Makes sure a workspace has a key to send events with. */
  @EventListener(ApplicationReadyEvent.class)
  @Transactional
  void createFirstKey() {
    if (configuredKey != null && !configuredKey.isBlank()) {
      jdbc.sql(
              """
              insert into api_write_key (name, key_hash, scope) values ('Configured', :hash, 'SERVER')
              on conflict (key_hash) do nothing
              """)
          .param("hash", hash(configuredKey))
          .update();
      return;
    }
    long existing = jdbc.sql("select count(*) from api_write_key").query(Long.class).single();
    if (existing == 0) {
      String key = newSecret();
      jdbc.sql("insert into api_write_key (name, key_hash, scope) values (:name, :hash, 'SERVER')")
          .param("name", FIRST_KEY_NAME)
          .param("hash", hash(key))
          .update();
      log.warn(
          """

          ==================================================================
            Cairn event API write key (server key "Default", shown once, store it now):
              {}
            Send events with:  curl -u {}: http://localhost:8080/v1/track ...
            For a website, create a source key in the console under Write keys.
          ==================================================================
          """,
          key,
          key);
    }
  }

  /** The request attribute holding the write key that authenticated a {@code /v1} call. */
  static final String CURRENT = WriteKey.class.getName();

  /** The write key that authenticated this {@code /v1} call, if one did. */
  public static Optional<WriteKey> of(HttpServletRequest request) {
    return request.getAttribute(CURRENT) instanceof WriteKey key
        ? Optional.of(key)
        : Optional.empty();
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
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private WriteKey find(long id) {
    return jdbc.sql("select " + COLUMNS + " from api_write_key where id = :id")
        .param("id", id)
        .query((rs, row) -> read(rs))
        .single();
  }

  private static WriteKey read(ResultSet rs) throws SQLException {
    Timestamp lastUsed = rs.getTimestamp("last_used_at");
    Timestamp revoked = rs.getTimestamp("revoked_at");
    return new WriteKey(
        rs.getLong("id"),
        rs.getString("name"),
        WriteKeyScope.valueOf(rs.getString("scope")),
        rs.getTimestamp("created_at").toInstant(),
        lastUsed == null ? null : lastUsed.toInstant(),
        revoked == null ? null : revoked.toInstant());
  }

  private static String newSecret() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return "wk_" + HexFormat.of().formatHex(bytes);
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
