package dev.cairn.engine.list;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.event.EventIngestion;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists and their members: create, rename and delete a list, put contacts on it and take them off.
 * Expected refusals (a name already taken, a list that does not exist) come back as {@link
 * ListChange.Refused} with the reason in plain words.
 *
 * <p>Every contact who joins or leaves a list, by whatever path (console, API, import, journey
 * step), gets a {@value #JOINED} or {@value #LEFT} event in the same transaction, so journeys can
 * start on it or wait for it ({@code list_id=newsletter}). A change that changes nothing (already
 * on the list, not on it) records nothing.
 */
@Service
public class ContactLists {

  /**
   * The event of a contact put on a list; properties {@code list_id}, {@code list_name}, {@code
   * source}.
   */
  public static final String JOINED = "List Joined";

  /**
   * The event of a contact taken off a list; the same properties, {@code source} saying who took
   * them off.
   */
  public static final String LEFT = "List Left";

  /** The longest list name, in characters. */
  public static final int LONGEST_NAME = 100;

  private static final String SELECT_LIST =
      """
      select l.id, l.name, l.description, l.created_at,
             (select count(*) from contact_list_member m where m.list_id = l.id) as members
        from contact_list l
      """;

  private static final RowMapper<ContactList> LIST =
      (rs, row) ->
          new ContactList(
              rs.getString("id"),
              rs.getString("name"),
              rs.getString("description"),
              rs.getTimestamp("created_at").toInstant(),
              rs.getLong("members"));

  private final JdbcClient jdbc;
  private final EventIngestion events;
  private final Clock clock;

  ContactLists(JdbcClient jdbc, EventIngestion events, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /** Every list, by name, with its member count. */
  public List<ContactList> lists() {
    return jdbc.sql(SELECT_LIST + " order by lower(l.name)").query(LIST).list();
  }

  public Optional<ContactList> find(String id) {
    return jdbc.sql(SELECT_LIST + " where l.id = :id").param("id", id).query(LIST).optional();
  }

  public boolean exists(String id) {
    return jdbc.sql("select exists(select 1 from contact_list where id = :id)")
        .param("id", id)
        .query(Boolean.class)
        .single();
  }

  /**
   * Creates a list; its id is derived from the name ("Trade fair 2026" → {@code trade-fair-2026})
   * and never changes.
   */
  @Transactional
  public ListChange create(String name, @Nullable String description) {
    Optional<ListChange.Refused> wrong = nameProblem(name, null);
    if (wrong.isPresent()) {
      return wrong.get();
    }
    String id = freeId(slug(name));
    jdbc.sql(
            "insert into contact_list (id, name, description, created_at) values (:id, :name, :description, :at)")
        .param("id", id)
        .param("name", name.strip())
        .param(
            "description",
            description == null || description.isBlank() ? null : description.strip())
        .param("at", Timestamp.from(clock.instant()))
        .update();
    return new ListChange.Done(find(id).orElseThrow(), true);
  }

  /** Gives a list a new name; its id, which journeys and segments refer to, stays. */
  @Transactional
  public ListChange rename(String id, String name) {
    if (!exists(id)) {
      return unknown(id);
    }
    Optional<ListChange.Refused> wrong = nameProblem(name, id);
    if (wrong.isPresent()) {
      return wrong.get();
    }
    int changed =
        jdbc.sql("update contact_list set name = :name where id = :id and name <> :name")
            .param("id", id)
            .param("name", name.strip())
            .update();
    return new ListChange.Done(find(id).orElseThrow(), changed > 0);
  }

  /**
   * Deletes a list and its memberships; the contacts stay. Its members get no {@value #LEFT}: the
   * list itself is gone, and journeys that name it are told so at their step.
   */
  @Transactional
  public ListChange delete(String id) {
    Optional<ContactList> list = find(id);
    if (list.isEmpty()) {
      return unknown(id);
    }
    jdbc.sql("delete from contact_list where id = :id").param("id", id).update();
    return new ListChange.Done(list.get(), true);
  }

  /** Puts the contact on the list; a contact already on it keeps when and how they joined. */
  @Transactional
  public ListChange add(String listId, ContactId contact, String source) {
    Optional<ContactList> list = find(listId);
    if (list.isEmpty()) {
      return unknown(listId);
    }
    boolean added = !addAll(list.get(), List.of(contact.value()), source).isEmpty();
    return new ListChange.Done(find(listId).orElseThrow(), added);
  }

  /**
   * Puts many contacts on an existing list in one statement (an import's batch), in the caller's
   * transaction; those already on it keep when and how they joined. The contacts newly added.
   */
  @Transactional
  public Set<UUID> addAll(String listId, Collection<UUID> contacts, String source) {
    if (contacts.isEmpty()) {
      return Set.of();
    }
    return addAll(
        find(listId)
            .orElseThrow(
                () -> new IllegalArgumentException("no list " + listId + "; callers check first")),
        contacts,
        source);
  }

  /** Takes the contact off the list; nothing happens when they were not on it. */
  @Transactional
  public ListChange remove(String listId, ContactId contact, String source) {
    Optional<ContactList> list = find(listId);
    if (list.isEmpty()) {
      return unknown(listId);
    }
    boolean removed = !removeAll(list.get(), List.of(contact.value()), source).isEmpty();
    return new ListChange.Done(find(listId).orElseThrow(), removed);
  }

  /** Takes many contacts off an existing list in one statement. The contacts that were on it. */
  @Transactional
  public Set<UUID> removeAll(String listId, Collection<UUID> contacts, String source) {
    if (contacts.isEmpty()) {
      return Set.of();
    }
    return removeAll(
        find(listId)
            .orElseThrow(
                () -> new IllegalArgumentException("no list " + listId + "; callers check first")),
        contacts,
        source);
  }

  private Set<UUID> addAll(ContactList list, Collection<UUID> contacts, String source) {
    List<UUID> added =
        jdbc.sql(
                """
                insert into contact_list_member (list_id, contact_id, added_at, source)
                select :list, c.id, :at, :source from contact c where c.id = any(cast(:contacts as uuid[]))
                on conflict do nothing
                returning contact_id
                """)
            .param("list", list.id())
            .param("contacts", new LinkedHashSet<>(contacts).toArray(UUID[]::new))
            .param("at", Timestamp.from(clock.instant()))
            .param("source", source)
            .query(UUID.class)
            .list();
    announce(list, added, JOINED, source);
    return Set.copyOf(added);
  }

  private Set<UUID> removeAll(ContactList list, Collection<UUID> contacts, String source) {
    List<UUID> removed =
        jdbc.sql(
                "delete from contact_list_member where list_id = :list and contact_id = any(cast(:contacts as uuid[])) returning contact_id")
            .param("list", list.id())
            .param("contacts", new LinkedHashSet<>(contacts).toArray(UUID[]::new))
            .query(UUID.class)
            .list();
    announce(list, removed, LEFT, source);
    return Set.copyOf(removed);
  }

  /**
   * One event per contact whose membership changed, in the change's transaction: both happen or
   * neither. An import's batch of a thousand is one statement, not a thousand.
   */
  private void announce(ContactList list, List<UUID> contacts, String event, String source) {
    Map<String, Object> properties =
        Map.of("list_id", list.id(), "list_name", list.name(), "source", source);
    // A contact may join, leave and join again: each time is its own event.
    Function<ContactId, String> messageId =
        contact -> event + ":" + list.id() + ":" + contact + ":" + UUID.randomUUID();
    if (contacts.size() == 1) {
      ContactId contact = new ContactId(contacts.getFirst());
      events.record(contact, event, properties, messageId.apply(contact));
    } else {
      events.recordAll(
          contacts.stream().map(ContactId::new).toList(), event, properties, messageId);
    }
  }

  /** One page of the list's members, the most recently added first. */
  public List<ListMember> members(String listId, int offset, int limit) {
    return jdbc.sql(
            """
            select c.id, c.external_id, c.email, nullif(btrim(concat_ws(' ', c.first_name, c.last_name)), '') as name, m.added_at, m.source
              from contact_list_member m join contact c on c.id = m.contact_id
             where m.list_id = :list
             order by m.added_at desc, c.id
             offset :offset limit :limit
            """)
        .param("list", listId)
        .param("offset", offset)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new ListMember(
                    new ContactId(rs.getObject("id", UUID.class)),
                    rs.getString("external_id"),
                    rs.getString("email"),
                    rs.getString("name"),
                    rs.getTimestamp("added_at").toInstant(),
                    rs.getString("source")))
        .list();
  }

  public long count(String listId) {
    return jdbc.sql("select count(*) from contact_list_member where list_id = :list")
        .param("list", listId)
        .query(Long.class)
        .single();
  }

  public boolean isMember(String listId, ContactId contact) {
    return jdbc.sql(
            "select exists(select 1 from contact_list_member where list_id = :list and contact_id = :contact)")
        .param("list", listId)
        .param("contact", contact.value())
        .query(Boolean.class)
        .single();
  }

  /** The lists the contact is on, by name. */
  public List<ListMembership> listsOf(ContactId contact) {
    return jdbc.sql(
            """
            select l.id, l.name, m.added_at, m.source
              from contact_list_member m join contact_list l on l.id = m.list_id
             where m.contact_id = :contact
             order by lower(l.name)
            """)
        .param("contact", contact.value())
        .query(
            (rs, row) ->
                new ListMembership(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getTimestamp("added_at").toInstant(),
                    rs.getString("source")))
        .list();
  }

  /** A list id from a name: lower case, accents dropped, anything else between words a hyphen. */
  static String slug(String name) {
    String plain =
        Normalizer.normalize(name.strip(), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    String slug = plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return slug.isEmpty()
        ? "list"
        : slug.substring(0, Math.min(slug.length(), 60)).replaceAll("-+$", "");
  }

  private String freeId(String slug) {
    String id = slug;
    // A deleted or renamed list may have left its id behind under another name: count on.
    for (int n = 2; exists(id); n++) {
      id = slug + "-" + n;
    }
    return id;
  }

  private Optional<ListChange.Refused> nameProblem(String name, @Nullable String exceptId) {
    String stripped = name.strip();
    if (stripped.isEmpty()) {
      return Optional.of(
          new ListChange.Refused(ListChange.Refusal.NAME_MISSING, "a list needs a name"));
    }
    if (stripped.length() > LONGEST_NAME) {
      return Optional.of(
          new ListChange.Refused(
              ListChange.Refusal.NAME_TOO_LONG,
              "a list name is at most "
                  + LONGEST_NAME
                  + " characters; this one has "
                  + stripped.length()));
    }
    boolean taken =
        jdbc.sql(
                "select exists(select 1 from contact_list where lower(btrim(name)) = lower(:name) and id is distinct from cast(:except as text))")
            .param("name", stripped)
            .param("except", exceptId)
            .query(Boolean.class)
            .single();
    return taken
        ? Optional.of(
            new ListChange.Refused(
                ListChange.Refusal.NAME_TAKEN,
                "there is already a list named \"" + stripped + "\""))
        : Optional.empty();
  }

  private static ListChange unknown(String id) {
    return new ListChange.Refused(
        ListChange.Refusal.UNKNOWN_LIST, "there is no list \"" + id + "\"");
  }
}
