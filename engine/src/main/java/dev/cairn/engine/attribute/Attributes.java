package dev.cairn.engine.attribute;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Declares custom attributes, reads the schema incoming traits are checked against, and finds
 * undeclared ones.
 */
@Service
public class Attributes {

  /**
   * How many of the most recently changed contacts the discovery of undeclared attributes reads.
   */
  static final int SAMPLE = 5000;

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  Attributes(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** The key under which a transaction keeps the schema it read. */
  private static final Object SCHEMA_OF_TRANSACTION = new Object();

  /**
   * The declared attributes, from the database rather than from memory, since another replica may
   * have declared one a moment ago. A transaction reads them once: an API batch of a hundred calls
   * with custom traits costs one read, not a hundred.
   */
  @Transactional(readOnly = true)
  public AttributeSchema schema() {
    if (TransactionSynchronizationManager.getResource(SCHEMA_OF_TRANSACTION)
        instanceof AttributeSchema read) {
      return read;
    }
    AttributeSchema schema = read();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.bindResource(SCHEMA_OF_TRANSACTION, schema);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              forgetSchema();
            }
          });
    }
    return schema;
  }

  /** After a declaration, the transaction that made it reads the schema anew. */
  private static void forgetSchema() {
    TransactionSynchronizationManager.unbindResourceIfPossible(SCHEMA_OF_TRANSACTION);
  }

  private AttributeSchema read() {
    Map<String, AttributeType> types = new LinkedHashMap<>();
    jdbc.sql("select name, type from contact_attribute")
        .query(
            rs -> {
              types.put(rs.getString("name"), AttributeType.valueOf(rs.getString("type")));
            });
    return new AttributeSchema(types);
  }

  /** A declared attribute and how many contacts have a value for it. */
  public record Usage(DeclaredAttribute attribute, long contacts) {}

  @Transactional(readOnly = true)
  public List<Usage> declared() {
    return jdbc.sql(
            """
            select a.*, (select count(*) from contact c where c.traits -> a.name is not null) as contacts
            from contact_attribute a order by a.name
            """)
        .query(
            (rs, row) ->
                new Usage(
                    new DeclaredAttribute(
                        rs.getString("name"),
                        AttributeType.valueOf(rs.getString("type")),
                        rs.getString("label"),
                        rs.getString("description"),
                        rs.getTimestamp("created_at").toInstant()),
                    rs.getLong("contacts")))
        .list();
  }

  @Transactional(readOnly = true)
  public Optional<DeclaredAttribute> find(String name) {
    return declared().stream().map(Usage::attribute).filter(a -> a.name().equals(name)).findFirst();
  }

  /**
   * Traits contacts have that no one declared, with the type their values suggest, read from the
   * most recently changed contacts so a large database answers as fast as a small one.
   */
  @Transactional(readOnly = true)
  public List<UndeclaredAttribute> undeclared() {
    return jdbc.sql(
            """
            with recent as (select traits from contact order by updated_at desc limit :sample),
                 pairs as (select t.key, t.value from recent, jsonb_each(recent.traits) t)
            select key, count(*) as contacts,
                   bool_and(jsonb_typeof(value) = 'array') as lists,
                   bool_and(jsonb_typeof(value) = 'boolean'
                            or (jsonb_typeof(value) = 'string' and lower(value #>> '{}') in ('true', 'false'))) as booleans,
                   bool_and(jsonb_typeof(value) = 'number'
                            or (jsonb_typeof(value) = 'string' and (value #>> '{}') ~ '^[-+]?[0-9]{1,18}([.][0-9]{1,12})?$')) as numbers,
                   bool_and(jsonb_typeof(value) = 'string'
                            and (value #>> '{}') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[-+][0-9]{2}(:?[0-9]{2})?)?)?$') as dates
            from pairs
            where jsonb_typeof(value) <> 'null' and key not in (select name from contact_attribute)
            group by key
            order by count(*) desc, key
            limit 200
            """)
        .param("sample", SAMPLE)
        .query(
            (rs, row) ->
                new UndeclaredAttribute(
                    rs.getString("key"),
                    rs.getLong("contacts"),
                    rs.getBoolean("lists")
                        ? AttributeType.LIST
                        : rs.getBoolean("booleans")
                            ? AttributeType.BOOLEAN
                            : rs.getBoolean("numbers")
                                ? AttributeType.NUMBER
                                : rs.getBoolean("dates")
                                    ? AttributeType.DATE
                                    : AttributeType.STRING))
        .list();
  }

  /** What declaring an attribute came to. */
  public sealed interface Declaration {
    /**
     * Declared (or changed); {@code converted} existing values were rewritten in the type's form.
     */
    record Declared(DeclaredAttribute attribute, long converted) implements Declaration {}

    /** Not declared, and what to do about it. */
    record Refused(String reason) implements Declaration {}
  }

  /**
   * Declares an attribute or changes its type, label or description. Existing values are converted
   * to the type ("42" becomes 42); when some would not convert, nothing changes and the answer says
   * how many.
   */
  @Transactional
  public Declaration declare(
      String name, AttributeType type, @Nullable String label, @Nullable String description) {
    String given = name == null ? "" : name.strip();
    Optional<String> problem = DeclaredAttribute.nameProblem(given);
    if (problem.isPresent()) {
      return new Declaration.Refused(problem.get());
    }
    // One declaration at a time per name: two replicas converting the same values would race.
    jdbc.sql("select 1 from pg_advisory_xact_lock(hashtext('cairn.attribute:' || :name))")
        .param("name", given)
        .query(Integer.class)
        .list();
    List<Rewrite> rewrites = new ArrayList<>();
    List<String> refusedExamples = new ArrayList<>();
    long[] refused = {0};
    jdbc.sql(
            "select id, traits -> :name as value from contact where traits -> :name is not null and jsonb_typeof(traits -> :name) <> 'null'")
        .param("name", given)
        .query(
            rs -> {
              String stored = rs.getString("value");
              Object value = json.readValue(stored, Object.class);
              switch (type.convert(value)) {
                case AttributeType.Conversion.Converted converted -> {
                  String normalised = json.writeValueAsString(converted.value());
                  if (!json.readTree(normalised).equals(json.readTree(stored))) {
                    rewrites.add(new Rewrite(rs.getObject("id", UUID.class), normalised));
                  }
                }
                case AttributeType.Conversion.Refused refusal -> {
                  refused[0]++;
                  if (refusedExamples.size() < 3) {
                    refusedExamples.add(stored);
                  }
                }
              }
            });
    if (refused[0] > 0) {
      return new Declaration.Refused(
          refused[0]
              + (refused[0] == 1 ? " contact has a value" : " contacts have values")
              + " of \""
              + given
              + "\" that would not convert to "
              + type.label()
              + " (e.g. "
              + String.join(", ", refusedExamples)
              + "); fix or clear them, or pick another type.");
    }
    for (Rewrite rewrite : rewrites) {
      jdbc.sql(
              "update contact set traits = jsonb_set(traits, array[cast(:name as text)], cast(:value as jsonb)) where id = :id")
          .param("name", given)
          .param("value", rewrite.json())
          .param("id", rewrite.contact())
          .update();
    }
    DeclaredAttribute attribute =
        new DeclaredAttribute(
            given, type, label == null ? given : label, description, clock.instant());
    jdbc.sql(
            """
            insert into contact_attribute (name, type, label, description, created_at)
            values (:name, :type, :label, :description, :now)
            on conflict (name) do update set type = excluded.type, label = excluded.label, description = excluded.description
            """)
        .param("name", attribute.name())
        .param("type", attribute.type().name())
        .param("label", attribute.label())
        .param("description", attribute.description())
        .param("now", Timestamp.from(attribute.createdAt()))
        .update();
    forgetSchema();
    return new Declaration.Declared(find(given).orElse(attribute), rewrites.size());
  }

  private record Rewrite(UUID contact, String json) {}
}
