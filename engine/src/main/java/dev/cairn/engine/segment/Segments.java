package dev.cairn.engine.segment;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.attribute.Attributes;
import dev.cairn.engine.contact.ContactId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates, checks, counts and lists segments. Membership is kept current by {@link SegmentRefresh}.
 */
@Service
public class Segments {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final Attributes attributeSchema;

  Segments(JdbcClient jdbc, JsonMapper json, Clock clock, Attributes attributeSchema) {
    this.attributeSchema = attributeSchema;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<SegmentSummary> list() {
    return jdbc.sql("select * from segment order by built_in desc, name")
        .query(Segments::summary)
        .list();
  }

  @Transactional(readOnly = true)
  public Optional<SegmentDefinition> find(String id) {
    return jdbc.sql("select * from segment where id = :id")
        .param("id", id)
        .query(
            (rs, row) ->
                new SegmentDefinition(
                    summary(rs, row), json.readValue(rs.getString("rule"), SegmentRule.class)))
        .optional();
  }

  /**
   * How many contacts match the rule now: the live count while a marketer builds it. Throws {@link
   * InvalidSegmentException} saying what to fix when the rule cannot be evaluated.
   */
  @Transactional(readOnly = true)
  public long count(SegmentRule rule) {
    SegmentQuery query = query(rule);
    return jdbc.sql("select count(*) from contact c where " + query.condition())
        .params(query.parameters())
        .query(Long.class)
        .single();
  }

  /**
   * Throws {@link InvalidSegmentException} saying what to fix when the rule cannot be evaluated.
   */
  public static void check(SegmentRule rule) {
    SegmentQuery.of(rule);
  }

  /**
   * Like {@link #check}, for a journey branch's condition, which may ask about the journey's own
   * steps; declared attributes are checked as {@link #matchesInJourney} will compare them.
   */
  public static void checkBranch(SegmentRule rule, AttributeSchema schema) {
    SegmentQuery.inJourney(rule, schema);
  }

  /**
   * The operators that compare an attribute declared with this type ("is at least" for a number,
   * "is before" for a date).
   */
  public static List<AttributeOperator> operatorsFor(AttributeType type) {
    return SegmentQuery.kindOf(type).operators();
  }

  /**
   * Whether one contact matches a journey branch's condition now, where engagement conditions ask
   * about the messages of this journey instance.
   */
  @Transactional(readOnly = true)
  public boolean matchesInJourney(ContactId contact, SegmentRule rule, long journeyInstance) {
    SegmentQuery query = SegmentQuery.inJourney(rule, attributeSchema.schema());
    return jdbc.sql(
            "select exists(select 1 from contact c where c.id = :contact and "
                + query.condition()
                + ")")
        .params(query.parameters())
        .param("contact", contact.value())
        .param(SegmentQuery.JOURNEY_INSTANCE, journeyInstance)
        .query(Boolean.class)
        .single();
  }

  /** Whether one contact matches the rule now. */
  @Transactional(readOnly = true)
  public boolean matches(ContactId contact, SegmentRule rule) {
    SegmentQuery query = query(rule);
    return jdbc.sql(
            "select exists(select 1 from contact c where c.id = :contact and "
                + query.condition()
                + ")")
        .params(query.parameters())
        .param("contact", contact.value())
        .query(Boolean.class)
        .single();
  }

  /** Some contacts matching the rule now, most recently active first. */
  @Transactional(readOnly = true)
  public List<SegmentMember> preview(SegmentRule rule, int limit) {
    SegmentQuery query = query(rule);
    return jdbc.sql(
            "select c.id, c.external_id, c.email, c.first_name, c.last_name, c.last_seen_at as since from contact c where "
                + query.condition()
                + " order by coalesce(c.last_seen_at, c.created_at) desc, c.id limit :limit")
        .params(query.parameters())
        .param("limit", limit)
        .query(Segments::member)
        .list();
  }

  /** Members as of the last refresh, longest-standing first. */
  @Transactional(readOnly = true)
  public List<SegmentMember> members(String segmentId, int offset, int limit) {
    return jdbc.sql(
            """
            select c.id, c.external_id, c.email, c.first_name, c.last_name, m.entered_at as since
            from segment_member m join contact c on c.id = m.contact_id
            where m.segment_id = :segment
            order by m.entered_at, c.id
            limit :limit offset :offset
            """)
        .param("segment", segmentId)
        .param("limit", limit)
        .param("offset", offset)
        .query(Segments::member)
        .list();
  }

  /** Event names contacts have sent, for the builder's suggestions. */
  @Transactional(readOnly = true)
  public List<String> knownEvents() {
    return jdbc.sql(
            "select distinct name from contact_event where type = 'TRACK' and name is not null order by name limit 200")
        .query(String.class)
        .list();
  }

  /** Custom trait names contacts have, for the builder's suggestions. */
  @Transactional(readOnly = true)
  public List<String> knownTraits() {
    return jdbc.sql(
            "select distinct jsonb_object_keys(traits) as key from (select traits from contact order by updated_at desc limit 5000) recent order by key limit 200")
        .query(String.class)
        .list();
  }

  /** The rule as SQL, declared attributes compared as their type says. */
  SegmentQuery query(SegmentRule rule) {
    return SegmentQuery.of(rule, attributeSchema.schema());
  }

  /**
   * The operators that compare each attribute, as the builder offers them: numbers compare with "at
   * least", dates with "before", lists with "contains", booleans with "is true".
   */
  public java.util.Map<String, List<AttributeOperator>> operatorsFor(
      java.util.Collection<String> attributes) {
    var schema = attributeSchema.schema();
    java.util.Map<String, List<AttributeOperator>> operators = new java.util.LinkedHashMap<>();
    for (String attribute : attributes) {
      try {
        operators.put(attribute, SegmentQuery.kindOf(attribute.strip(), schema).operators());
      } catch (InvalidSegmentException unknown) {
        operators.put(attribute, List.of(AttributeOperator.values()));
      }
    }
    return operators;
  }

  /**
   * Declared custom attributes as rules name them ({@code trait:<name>}), whether or not a contact
   * has one yet.
   */
  public List<String> declaredTraits() {
    return attributeSchema.schema().types().keySet().stream()
        .sorted()
        .map(name -> SegmentQuery.TRAIT_PREFIX + name)
        .toList();
  }

  /** The attributes rules can use besides custom traits ({@code trait:<name>}). */
  public List<String> attributes() {
    return SegmentQuery.attributes().stream().sorted().toList();
  }

  @Transactional(readOnly = true)
  public List<String> segmentsOf(ContactId contact) {
    return jdbc.sql(
            "select s.name from segment_member m join segment s on s.id = m.segment_id where m.contact_id = :id order by s.name")
        .param("id", contact.value())
        .query(String.class)
        .list();
  }

  /**
   * Creates a segment (null id) or changes one. The rule is checked first: a segment that cannot be
   * evaluated, or that (through others) contains itself, is refused with what to fix, and nothing
   * is stored.
   */
  @Transactional
  public SegmentDefinition save(
      @Nullable String id, String name, @Nullable String description, SegmentRule rule) {
    if (name.isBlank()) {
      throw new InvalidSegmentException("A segment needs a name.");
    }
    query(rule);
    String segmentId = id != null ? id : uniqueId(name);
    checkReferences(segmentId, rule);
    checkLists(rule);
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into segment (id, name, description, rule, created_at, updated_at)
            values (:id, :name, :description, cast(:rule as jsonb), :now, :now)
            on conflict (id) do update set name = excluded.name, description = excluded.description,
                rule = excluded.rule, updated_at = excluded.updated_at
            """)
        .param("id", segmentId)
        .param("name", name.strip())
        .param(
            "description",
            description == null || description.isBlank() ? null : description.strip())
        .param("rule", json.writeValueAsString(rule))
        .param("now", Timestamp.from(now))
        .update();
    return find(segmentId).orElseThrow();
  }

  /** Ships a segment unless one with its id exists (a marketer may have changed it). */
  @Transactional
  public void addBuiltIn(String id, String name, String description, SegmentRule rule) {
    SegmentQuery.of(rule);
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into segment (id, name, description, rule, built_in, created_at, updated_at)
            values (:id, :name, :description, cast(:rule as jsonb), true, :now, :now)
            on conflict (id) do nothing
            """)
        .param("id", id)
        .param("name", name)
        .param("description", description)
        .param("rule", json.writeValueAsString(rule))
        .param("now", Timestamp.from(now))
        .update();
  }

  /** Deletes a segment no other segment refers to. */
  @Transactional
  public void delete(String id) {
    List<String> users =
        list().stream()
            .filter(other -> !other.id().equals(id))
            .filter(
                other -> find(other.id()).map(d -> references(d.rule()).contains(id)).orElse(false))
            .map(SegmentSummary::name)
            .toList();
    if (!users.isEmpty()) {
      throw new InvalidSegmentException(
          "Segments " + users + " use this segment; change them first.");
    }
    jdbc.sql("delete from segment where id = :id").param("id", id).update();
  }

  /**
   * A saved segment naming a list that does not exist would quietly match no one: say so instead.
   */
  private void checkLists(SegmentRule rule) {
    Deque<SegmentRule> pending = new ArrayDeque<>(List.of(rule));
    while (!pending.isEmpty()) {
      switch (pending.pop()) {
        case SegmentRule.All all -> pending.addAll(all.rules());
        case SegmentRule.Any any -> pending.addAll(any.rules());
        case SegmentRule.ListMembership list -> {
          boolean exists =
              jdbc.sql("select exists(select 1 from contact_list where id = :id)")
                  .param("id", list.listId())
                  .query(Boolean.class)
                  .single();
          if (!exists) {
            throw new InvalidSegmentException("There is no list \"" + list.listId() + "\".");
          }
        }
        default -> {}
      }
    }
  }

  private void checkReferences(String segmentId, SegmentRule rule) {
    Deque<String> pending = new ArrayDeque<>(references(rule));
    Set<String> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      String referenced = pending.pop();
      if (referenced.equals(segmentId)) {
        throw new InvalidSegmentException(
            "A segment cannot include itself, directly or through another segment.");
      }
      if (seen.add(referenced)) {
        SegmentDefinition other =
            find(referenced)
                .orElseThrow(
                    () ->
                        new InvalidSegmentException("There is no segment \"" + referenced + "\"."));
        pending.addAll(references(other.rule()));
      }
    }
  }

  static Set<String> references(SegmentRule rule) {
    Set<String> found = new HashSet<>();
    Deque<SegmentRule> pending = new ArrayDeque<>(List.of(rule));
    while (!pending.isEmpty()) {
      switch (pending.pop()) {
        case SegmentRule.All all -> pending.addAll(all.rules());
        case SegmentRule.Any any -> pending.addAll(any.rules());
        case SegmentRule.Membership membership -> found.add(membership.segmentId());
        case SegmentRule.Attribute attribute -> {}
        case SegmentRule.Activity activity -> {}
        case SegmentRule.Engagement engagement -> {}
        case SegmentRule.ListMembership list -> {}
      }
    }
    return found;
  }

  private String uniqueId(String name) {
    String slug =
        Normalizer.normalize(name, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-|-$)", "");
    if (slug.isEmpty()) {
      slug = "segment";
    }
    String candidate = slug;
    while (find(candidate).isPresent()) {
      candidate = slug + "-" + UUID.randomUUID().toString().substring(0, 4);
    }
    return candidate;
  }

  private static SegmentSummary summary(ResultSet rs, int row) throws SQLException {
    Timestamp refreshed = rs.getTimestamp("refreshed_at");
    return new SegmentSummary(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getBoolean("built_in"),
        rs.getLong("member_count"),
        refreshed == null ? null : refreshed.toInstant());
  }

  private static SegmentMember member(ResultSet rs, int row) throws SQLException {
    String name =
        ((rs.getString("first_name") == null ? "" : rs.getString("first_name"))
                + " "
                + (rs.getString("last_name") == null ? "" : rs.getString("last_name")))
            .strip();
    Timestamp since = rs.getTimestamp("since");
    return new SegmentMember(
        new ContactId(rs.getObject("id", UUID.class)),
        rs.getString("external_id"),
        rs.getString("email"),
        name,
        since == null ? null : since.toInstant());
  }
}
