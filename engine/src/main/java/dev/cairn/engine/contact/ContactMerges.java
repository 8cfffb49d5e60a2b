package dev.cairn.engine.contact;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes two contacts one when the same person arrived under two ids (first anonymously, then signed
 * in) or a marketer found a duplicate. The survivor keeps its own values and gains what only the
 * other had (tags and lists are joined, orders added up); events, journey enrolments, test runs and
 * messages move over; per channel the more recent consent decision stands; the other id keeps
 * resolving to the survivor, because journeys it was in still carry it.
 */
@Component
class ContactMerges {

  private final JdbcClient jdbc;

  ContactMerges(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Merges {@code from} into {@code into}; both rows must be locked by the caller's transaction.
   */
  void merge(UUID from, UUID into, Instant now) {
    for (String table : List.of("contact_event", "enrollment", "message", "journey_test_run")) {
      jdbc.sql("update " + table + " set contact_id = :into where contact_id = :from")
          .param("into", into)
          .param("from", from)
          .update();
    }
    // The survivor joins the lists the other was on; where both were, the survivor's membership
    // stays.
    jdbc.sql(
            """
            insert into contact_list_member (list_id, contact_id, added_at, source)
            select list_id, :into, added_at, source from contact_list_member where contact_id = :from
            on conflict do nothing
            """)
        .param("into", into)
        .param("from", from)
        .update();
    // The person's latest word on a channel is the one that counts, whichever contact heard it.
    jdbc.sql(
            """
            insert into contact_consent (contact_id, channel, status, source, changed_at)
            select :into, channel, status, source, changed_at from contact_consent where contact_id = :from
            on conflict (contact_id, channel) do update
              set status = excluded.status, source = excluded.source, changed_at = excluded.changed_at
              where excluded.changed_at > contact_consent.changed_at
            """)
        .param("into", into)
        .param("from", from)
        .update();
    // A topic either contact left in the preference centre stays left: the person said so once.
    jdbc.sql(
            """
            insert into contact_topic_opt_out (contact_id, topic, source, changed_at)
            select :into, topic, source, changed_at from contact_topic_opt_out where contact_id = :from
            on conflict do nothing
            """)
        .param("into", into)
        .param("from", from)
        .update();
    // Ids merged into `from` earlier now resolve to the survivor directly.
    jdbc.sql("update contact_merge set into_id = :into where into_id = :from")
        .param("into", into)
        .param("from", from)
        .update();
    Map<String, Object> gone =
        jdbc.sql("delete from contact where id = :from returning *")
            .param("from", from)
            .query()
            .singleRow();
    // Deleted first: its ids are unique, and the survivor may take them over.
    jdbc.sql(
            """
            update contact set
                external_id  = coalesce(external_id, :externalId),
                anonymous_id = coalesce(anonymous_id, :anonymousId),
                email        = coalesce(email, :email),
                phone        = coalesce(phone, :phone),
                first_name   = coalesce(first_name, :firstName),
                last_name    = coalesce(last_name, :lastName),
                time_zone    = coalesce(time_zone, :timeZone),
                locale       = coalesce(locale, :locale),
                traits       = cast(:traits as jsonb) || traits,
                tags         = tags || array(select t from unnest(cast(:tags as text[])) t where t <> all(tags)),
                created_at   = least(created_at, :createdAt),
                last_seen_at = greatest(last_seen_at, :lastSeenAt),
                order_count  = order_count + :orderCount,
                total_revenue = total_revenue + :totalRevenue,
                first_order_at = least(first_order_at, :firstOrderAt),
                last_order_at = greatest(last_order_at, :lastOrderAt),
                updated_at   = :now
            where id = :into
            """)
        .param("externalId", gone.get("external_id"))
        .param("anonymousId", gone.get("anonymous_id"))
        .param("email", gone.get("email"))
        .param("phone", gone.get("phone"))
        .param("firstName", gone.get("first_name"))
        .param("lastName", gone.get("last_name"))
        .param("timeZone", gone.get("time_zone"))
        .param("locale", gone.get("locale"))
        .param("traits", String.valueOf(gone.get("traits")))
        .param("tags", tags(gone.get("tags")))
        .param("createdAt", gone.get("created_at"))
        .param("lastSeenAt", gone.get("last_seen_at"))
        .param("orderCount", gone.get("order_count"))
        .param("totalRevenue", gone.get("total_revenue"))
        .param("firstOrderAt", gone.get("first_order_at"))
        .param("lastOrderAt", gone.get("last_order_at"))
        .param("now", Timestamp.from(now))
        .param("into", into)
        .update();
    jdbc.sql(
            "insert into contact_merge (merged_id, into_id, merged_at) values (:from, :into, :now)")
        .param("from", from)
        .param("into", into)
        .param("now", Timestamp.from(now))
        .update();
  }

  private static String[] tags(@Nullable Object column) {
    try {
      return column instanceof Array array ? (String[]) array.getArray() : new String[0];
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the tags of a merged contact", e);
    }
  }

  /** The contact a merged-away id now belongs to. */
  Optional<UUID> survivorOf(UUID merged) {
    return jdbc.sql("select into_id from contact_merge where merged_id = :id")
        .param("id", merged)
        .query(UUID.class)
        .optional();
  }

  /** The ids merged into a contact over time. */
  List<UUID> mergedInto(UUID survivor) {
    return jdbc.sql("select merged_id from contact_merge where into_id = :id")
        .param("id", survivor)
        .query(UUID.class)
        .list();
  }
}
