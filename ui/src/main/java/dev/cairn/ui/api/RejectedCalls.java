package dev.cairn.ui.api;

import dev.cairn.ui.writekey.WriteKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Event API calls Cairn refused, kept with the write key, the time, the reason, the field and the
 * start of the call, so the console can show a developer why calls were dropped. Bounded: the
 * newest {@value #KEPT_PER_KEY} per key, none older than {@link #KEPT_FOR}.
 */
@Service
public class RejectedCalls {

  static final int KEPT_PER_KEY = 1_000;
  static final Duration KEPT_FOR = Duration.ofDays(30);
  static final int EXCERPT_CHARS = 2_000;

  private final JdbcClient jdbc;
  private final Clock clock;

  RejectedCalls(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One refused call, as the console lists it. */
  public record RejectedCall(
      Instant receivedAt,
      @Nullable String writeKeyName,
      String endpoint,
      @Nullable String field,
      String reason,
      String excerpt) {}

  /**
   * Records a refused call: part of the caller's transaction, if there is one (a batch stored again
   * call by call records its rejections once).
   */
  void record(
      @Nullable WriteKey writeKey, String endpoint, List<FieldError> errors, String callText) {
    Long keyId = writeKey == null ? null : writeKey.id();
    FieldError first = errors.isEmpty() ? new FieldError("/", "refused") : errors.getFirst();
    String reason =
        errors.stream()
            .map(error -> error.field() + ": " + error.message())
            .reduce((a, b) -> a + "; " + b)
            .orElse(first.message());
    jdbc.sql(
            """
            insert into api_rejected_call
              (write_key_id, received_at, endpoint, field, reason, call_excerpt)
            values (:key, :at, :endpoint, :field, :reason, :excerpt)
            """)
        .param("key", keyId)
        .param("at", Timestamp.from(clock.instant()))
        .param("endpoint", storable(endpoint, 200))
        .param("field", storable(first.field(), 500))
        .param("reason", storable(reason, EXCERPT_CHARS))
        .param("excerpt", storable(callText, EXCERPT_CHARS))
        .update();
    forgetOld(keyId);
  }

  /** The newest refused calls, of every key, newest first. */
  public List<RejectedCall> newest(int limit) {
    return jdbc.sql(
            """
            select r.received_at, k.name, r.endpoint, r.field, r.reason, r.call_excerpt
              from api_rejected_call r left join api_write_key k on k.id = r.write_key_id
             order by r.id desc
             limit :limit
            """)
        .param("limit", limit)
        .query(
            (row, n) ->
                new RejectedCall(
                    row.getTimestamp(1).toInstant(),
                    row.getString(2),
                    row.getString(3),
                    row.getString(4),
                    row.getString(5),
                    row.getString(6)))
        .list();
  }

  private void forgetOld(@Nullable Long keyId) {
    jdbc.sql(
            """
            delete from api_rejected_call
             where received_at < :oldest
                or (coalesce(write_key_id, 0) = coalesce(cast(:key as bigint), 0) and id <= (
                      select id from api_rejected_call
                       where coalesce(write_key_id, 0) = coalesce(cast(:key as bigint), 0)
                       order by id desc offset :kept limit 1))
            """)
        .param("oldest", Timestamp.from(clock.instant().minus(KEPT_FOR)))
        .param("key", keyId)
        .param("kept", KEPT_PER_KEY)
        .update();
  }

  /** Text PostgreSQL can store (no NUL), cut to a length a page can show. */
  private static String storable(String text, int max) {
    String clean = text.replace('\0', '\u2400');
    return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
  }
}
