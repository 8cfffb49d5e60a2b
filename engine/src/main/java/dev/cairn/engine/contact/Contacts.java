package dev.cairn.engine.contact;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** Creates, updates and finds contacts. */
@Service
public class Contacts {

  private final ContactRepository repository;
  private final JdbcClient jdbc;
  private final ContactMerges merges;
  private final EntityManager entities;
  private final JsonMapper json;

  Contacts(
      ContactRepository repository,
      JdbcClient jdbc,
      ContactMerges merges,
      EntityManager entities,
      JsonMapper json) {
    this.repository = repository;
    this.json = json;
    this.entities = entities;
    this.jdbc = jdbc;
    this.merges = merges;
  }

  /**
   * Finds the contact an identity names, creating it when new, and applies the traits. Safe under
   * concurrent calls for the same new identity: the insert is an upsert, and the contact row is
   * locked until the caller's transaction ends.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public ContactId upsert(Identity identity, Traits traits, Instant seenAt) {
    if (identity.userId() != null && identity.anonymousId() != null) {
      // The anonymous visitor signed in: if both ids already have a contact, they become one.
      mergeIfSplit(identity.anonymousId(), identity.userId(), seenAt);
    }
    Contact contact = lockExisting(identity).orElseGet(() -> create(identity, seenAt));
    contact.identifyAs(identity);
    contact.applyTraits(traits, seenAt);
    contact.seenAt(seenAt);
    return contact.id();
  }

  /** One call's part in {@link #upsertAll}: whom it names, what it says of them, and when. */
  public record Upsert(Identity identity, Traits traits, Instant seenAt) {}

  /**
   * Upserts the contacts of many calls (an API batch) as {@link #upsert} would one call after the
   * other, in a few statements for all of them. Empty when the calls need {@link #upsert} one by
   * one instead: one would merge two contacts, or a concurrent call created one of the same
   * contacts meanwhile (contacts created by then are found there like any other).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<List<ContactId>> upsertAll(List<Upsert> calls) {
    if (calls.isEmpty()) {
      return Optional.of(List.of());
    }
    return new BatchUpsert(jdbc, entities).run(calls);
  }

  /**
   * Writes the contact changes made so far in this transaction and forgets the contacts read. A
   * transaction that upserts many contacts (an API batch) calls this after each, so that every
   * lookup costs the same however many came before it: otherwise each query first checks every
   * contact read so far for changes. No-op outside a transaction.
   */
  public void writeAndForget() {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      entities.flush();
      entities.clear();
    }
  }

  /**
   * Segment's alias: the person known as {@code previousId} (an anonymous id or an older user id)
   * is {@code userId}. Merges the two contacts when both exist; otherwise gives the known one the
   * new user id.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public ContactId alias(String previousId, String userId, Instant seenAt) {
    mergeIfSplit(previousId, userId, seenAt);
    Optional<Contact> known = lockByAnyId(userId);
    if (known.isEmpty()) {
      known = lockByAnyId(previousId);
      known.ifPresent(contact -> contact.renameTo(userId));
    }
    Contact contact = known.orElseGet(() -> create(new Identity(userId, null), seenAt));
    contact.seenAt(seenAt);
    return contact.id();
  }

  /** Puts a tag on the contact (lower case, trimmed); true when it was not there yet. */
  @Transactional
  public boolean tag(ContactId contact, String tag) {
    return jdbc.sql(
                "update contact set tags = array_append(tags, :tag), updated_at = now() where id = :id and not (:tag = any(tags))")
            .param("tag", normalisedTag(tag))
            .param("id", contact.value())
            .update()
        > 0;
  }

  /** Takes a tag off the contact; true when it was there. */
  @Transactional
  public boolean untag(ContactId contact, String tag) {
    return jdbc.sql(
                "update contact set tags = array_remove(tags, :tag), updated_at = now() where id = :id and :tag = any(tags)")
            .param("tag", normalisedTag(tag))
            .param("id", contact.value())
            .update()
        > 0;
  }

  @Transactional(readOnly = true)
  public List<String> tags(ContactId contact) {
    return jdbc.sql("select unnest(tags) from contact where id = :id order by 1")
        .param("id", contact.value())
        .query(String.class)
        .list();
  }

  /** Tags are compared as written in lower case, so "VIP" and "vip " are one tag. */
  public static String normalisedTag(String tag) {
    String normalised = tag.strip().toLowerCase(java.util.Locale.ROOT);
    if (normalised.isEmpty() || normalised.length() > 100) {
      throw new IllegalArgumentException("A tag is 1 to 100 characters, e.g. vip or webinar-2026.");
    }
    return normalised;
  }

  /** Why a journey step may not change this attribute, if it may not. */
  public static Optional<String> unsettable(String attribute) {
    if (attribute.equals("tag")
        || attribute.equals("untag")
        || attribute.startsWith("trait:")
        || SETTABLE.contains(attribute)
        || CONSENTS.contains(attribute)) {
      return Optional.empty();
    }
    return Optional.of(
        "\""
            + attribute
            + "\" cannot be set by a journey; use one of "
            + SETTABLE
            + ", trait:<name>, tag, untag, email_consent or sms_consent.");
  }

  /**
   * Consent a journey step may record ("unsubscribe from email after a year of silence"), kept by
   * the consent feature.
   */
  public static final Set<String> CONSENTS = Set.of("email_consent", "sms_consent");

  /** The attributes a journey step may set; custom traits as {@code trait:<name>}. */
  public static final Set<String> SETTABLE =
      Set.of("first_name", "last_name", "time_zone", "locale");

  /**
   * Sets one attribute. Trait values that look like numbers or true/false are stored as such, so
   * segments can compare them.
   */
  @Transactional(propagation = Propagation.REQUIRED)
  public void setAttribute(ContactId contact, String attribute, String value) {
    if (attribute.startsWith("trait:") && attribute.length() > "trait:".length()) {
      String text = value.strip();
      boolean typed =
          text.matches("-?\\d{1,15}(\\.\\d{1,10})?") || text.equals("true") || text.equals("false");
      String jsonValue = typed ? "cast(:value as jsonb)" : "to_jsonb(cast(:value as text))";
      jdbc.sql(
              "update contact set traits = traits || jsonb_build_object(cast(:name as text), "
                  + jsonValue
                  + "), updated_at = now() where id = :id")
          .param("name", attribute.substring("trait:".length()))
          .param("value", text)
          .param("id", contact.value())
          .update();
      return;
    }
    if (!SETTABLE.contains(attribute)) {
      throw new IllegalArgumentException(
          "\""
              + attribute
              + "\" cannot be set by a journey; use one of "
              + SETTABLE
              + " or trait:<name>.");
    }
    jdbc.sql("update contact set " + attribute + " = :value, updated_at = now() where id = :id")
        .param("value", value.isBlank() ? null : value)
        .param("id", contact.value())
        .update();
  }

  /** Sets a custom trait to a value already in its declared type's form (a number, a list, ...). */
  @Transactional(propagation = Propagation.REQUIRED)
  public void setTrait(ContactId contact, String name, Object value) {
    jdbc.sql(
            "update contact set traits = traits || jsonb_build_object(cast(:name as text), cast(:value as jsonb)), updated_at = now() where id = :id")
        .param("name", name)
        .param("value", json.writeValueAsString(value))
        .param("id", contact.value())
        .update();
  }

  /** Counts an order: order count, revenue, first and last order time. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordOrder(ContactId contact, BigDecimal revenue, Instant at) {
    jdbc.sql(
            """
            update contact set order_count = order_count + 1, total_revenue = total_revenue + :revenue,
                first_order_at = least(first_order_at, :at), last_order_at = greatest(last_order_at, :at)
            where id = :id
            """)
        .param("revenue", revenue)
        .param("at", Timestamp.from(at))
        .param("id", contact.value())
        .update();
  }

  @Transactional(readOnly = true)
  public Optional<ContactMetrics> metrics(ContactId contact) {
    return jdbc.sql(
            """
            select cairn_lifecycle_stage(order_count, last_order_at, email, last_seen_at) as stage, order_count,
                   total_revenue, first_order_at, last_order_at, rfm_recency, rfm_frequency, rfm_monetary, engagement_score
            from contact where id = :id
            """)
        .param("id", contact.value())
        .query(
            (rs, row) ->
                new ContactMetrics(
                    rs.getString("stage"),
                    rs.getInt("order_count"),
                    rs.getBigDecimal("total_revenue"),
                    toInstant(rs.getTimestamp("first_order_at")),
                    toInstant(rs.getTimestamp("last_order_at")),
                    rs.getObject("rfm_recency") == null
                        ? null
                        : rs.getInt("rfm_recency")
                            + "-"
                            + rs.getInt("rfm_frequency")
                            + "-"
                            + rs.getInt("rfm_monetary"),
                    rs.getInt("engagement_score")))
        .optional();
  }

  /** Scores every customer 1-5 on recency, frequency and money against all customers. */
  @Transactional
  public int scoreRfm() {
    return jdbc.sql(
            """
            with scores as (
              select id,
                     ntile(5) over (order by last_order_at) as r,
                     ntile(5) over (order by order_count) as f,
                     ntile(5) over (order by total_revenue) as m
              from contact where order_count > 0)
            update contact c set rfm_recency = s.r, rfm_frequency = s.f, rfm_monetary = s.m
            from scores s
            where c.id = s.id
              and (c.rfm_recency, c.rfm_frequency, c.rfm_monetary) is distinct from (s.r::smallint, s.f::smallint, s.m::smallint)
            """)
        .update();
  }

  /**
   * Scores every contact's engagement 0-100 from the last 90 days: each message opened counts 10
   * points, each clicked (email or SMS) 25, each bounce -15, a spam complaint -50, an unsubscribe
   * -30, every one halved per 30 days of age; the sum p (at least 0) becomes 100 * (1 - e^(-p/50)),
   * so a few recent clicks score high and more of them add less and less. Repeated opens or clicks
   * of one message count once.
   */
  @Transactional
  public int scoreEngagement() {
    return jdbc.sql(
            """
            with signals as (
              select distinct on (e.contact_id, e.name, coalesce(e.properties ->> 'message_id', e.id::text))
                     e.contact_id, e.name, e.occurred_at
              from contact_event e
              where e.occurred_at >= now() - interval '90 days'
                and e.name in ('Email Opened', 'Email Clicked', 'SMS Clicked', 'Email Bounced', 'Email Complained',
                               'Email Unsubscribed', 'SMS Unsubscribed')
              order by e.contact_id, e.name, coalesce(e.properties ->> 'message_id', e.id::text), e.occurred_at desc),
            points as (
              select contact_id,
                     sum(case name when 'Email Opened' then 10 when 'Email Clicked' then 25 when 'SMS Clicked' then 25
                                   when 'Email Bounced' then -15 when 'Email Complained' then -50 else -30 end
                         * power(0.5, greatest(extract(epoch from now() - occurred_at), 0) / 86400.0 / 30)) as points
              from signals group by contact_id),
            scores as (
              select c.id, coalesce(round(100 * (1 - exp(-greatest(p.points, 0) / 50.0))), 0)::smallint as score
              from contact c left join points p on p.contact_id = c.id)
            update contact c set engagement_score = s.score
            from scores s
            where c.id = s.id and c.engagement_score <> s.score
            """)
        .update();
  }

  /** The contact, also when asked by the id of a contact since merged into it. */
  @Transactional(readOnly = true)
  public Optional<ContactProfile> find(ContactId id) {
    return repository
        .findById(id.value())
        .or(() -> merges.survivorOf(id.value()).flatMap(repository::findById))
        .map(Contact::profile);
  }

  /**
   * Makes {@code from} part of {@code into} (see {@link ContactMerges}). Both rows must be locked
   * by the caller's transaction, which has checked that the merge is wanted.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void merge(ContactId from, ContactId into, Instant now) {
    // The merge works in SQL: copies this transaction loaded earlier would be stale.
    repository.findById(from.value()).ifPresent(entities::detach);
    repository.findById(into.value()).ifPresent(entities::detach);
    merges.merge(from.value(), into.value(), now);
  }

  /** The contact a merged-away id now belongs to, when it was merged. */
  @Transactional(readOnly = true)
  public Optional<ContactId> survivorOf(ContactId merged) {
    return merges.survivorOf(merged.value()).map(ContactId::new);
  }

  /**
   * Every id a contact is known by in running journeys: its own and those of contacts merged into
   * it (their journeys still carry the old id).
   */
  @Transactional(readOnly = true)
  public List<ContactId> idsOf(ContactId contact) {
    List<ContactId> ids = new ArrayList<>();
    ids.add(contact);
    merges.mergedInto(contact.value()).forEach(id -> ids.add(new ContactId(id)));
    return ids;
  }

  @Transactional(readOnly = true)
  public Optional<ContactProfile> findByUserId(String userId) {
    return repository.findByExternalId(userId).map(Contact::profile);
  }

  /**
   * Contacts whose id, email or name contains the query (all when blank), newest activity first.
   */
  @Transactional(readOnly = true)
  public List<ContactSummary> search(@Nullable String query, int offset, int limit) {
    return search(ContactFilter.search(query), offset, limit);
  }

  @Transactional(readOnly = true)
  public long count(@Nullable String query) {
    return count(ContactFilter.search(query));
  }

  /** Contacts matching the filter, newest activity first. */
  @Transactional(readOnly = true)
  public List<ContactSummary> search(ContactFilter filter, int offset, int limit) {
    return filtered(
            "select id, external_id, email, first_name, last_name, last_seen_at, created_at, engagement_score from contact",
            filter,
            " order by coalesce(last_seen_at, created_at) desc, id limit :limit offset :offset")
        .param("limit", limit)
        .param("offset", offset)
        .query((rs, row) -> summary(rs))
        .list();
  }

  /**
   * A contacts-list row from a query that selects the contact's id, external_id, email, first_name,
   * last_name, last_seen_at, created_at and engagement_score.
   */
  public static ContactSummary summary(ResultSet rs) throws SQLException {
    return new ContactSummary(
        new ContactId(rs.getObject("id", UUID.class)),
        rs.getString("external_id"),
        rs.getString("email"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        toInstant(rs.getTimestamp("last_seen_at")),
        toInstant(rs.getTimestamp("created_at")),
        rs.getInt("engagement_score"));
  }

  @Transactional(readOnly = true)
  public long count(ContactFilter filter) {
    return filtered("select count(*) from contact", filter, "").query(Long.class).single();
  }

  private JdbcClient.StatementSpec filtered(
      String select, ContactFilter filter, String orderAndPage) {
    return jdbc.sql(
            select
                + """
                 where (cast(:pattern as text) is null
                    or external_id ilike :pattern or email ilike :pattern
                    or (coalesce(first_name, '') || ' ' || coalesce(last_name, '')) ilike :pattern)
                  and (cast(:segment as text) is null
                    or exists (select 1 from segment_member m where m.contact_id = contact.id and m.segment_id = :segment))
                  and (cast(:stage as text) is null
                    or cairn_lifecycle_stage(order_count, last_order_at, email, last_seen_at) = :stage)
                  and (cast(:tag as text) is null or :tag = any(tags))
                  and (cast(:list as text) is null
                    or exists (select 1 from contact_list_member l where l.contact_id = contact.id and l.list_id = :list))
                """
                + orderAndPage)
        .param("pattern", pattern(filter.query()))
        .param("segment", blankToNull(filter.segmentId()))
        .param("stage", blankToNull(filter.lifecycleStage()))
        .param(
            "tag",
            filter.tag() == null || filter.tag().isBlank() ? null : normalisedTag(filter.tag()))
        .param("list", blankToNull(filter.listId()));
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private void mergeIfSplit(String previousId, String userId, Instant now) {
    Optional<Contact> previous = lockByAnyId(previousId);
    Optional<Contact> known =
        repository.findByExternalId(userId).flatMap(c -> repository.lockById(c.id().value()));
    if (previous.isPresent()
        && known.isPresent()
        && !previous.get().id().equals(known.get().id())) {
      UUID from = previous.get().id().value();
      UUID into = known.get().id().value();
      // The merge works in SQL: detach both so the persistence context does not hold stale copies.
      entities.detach(previous.get());
      entities.detach(known.get());
      merges.merge(from, into, now);
    }
  }

  /** The contact with this user id, else the one with this anonymous id. */
  private Optional<Contact> lockByAnyId(String id) {
    return repository
        .findByExternalId(id)
        .or(() -> repository.findByAnonymousId(id))
        .flatMap(contact -> repository.lockById(contact.id().value()));
  }

  private Optional<Contact> lockExisting(Identity identity) {
    Optional<Contact> found = Optional.empty();
    if (identity.userId() != null) {
      found = repository.lockByExternalId(identity.userId());
    }
    if (found.isEmpty() && identity.anonymousId() != null) {
      found = repository.lockByAnonymousId(identity.anonymousId());
    }
    return found;
  }

  private Contact create(Identity identity, Instant now) {
    jdbc.sql(
            """
            insert into contact (id, external_id, anonymous_id, created_at, updated_at)
            values (:id, :externalId, :anonymousId, :now, :now)
            on conflict do nothing
            """)
        .param("id", UUID.randomUUID())
        .param("externalId", identity.userId())
        .param("anonymousId", identity.anonymousId())
        .param("now", Timestamp.from(now))
        .update();
    // Either our insert or a concurrent one created it; both are found the same way.
    return lockExisting(identity)
        .orElseThrow(() -> new IllegalStateException("contact vanished after upsert: " + identity));
  }

  private static @Nullable String pattern(@Nullable String query) {
    if (query == null || query.isBlank()) {
      return null;
    }
    String escaped = query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }

  private static @Nullable Instant toInstant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
