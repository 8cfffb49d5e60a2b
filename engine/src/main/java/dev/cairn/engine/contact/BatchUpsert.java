package dev.cairn.engine.contact;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * The contacts of many calls upserted at once, with the outcome {@link Contacts#upsert} gives each
 * call in turn: one statement finds and locks every contact the calls name, one creates the new
 * ones, then each call's identity and traits are applied in the calls' order and written together.
 *
 * <p>Which contact a call reaches is worked out first, in memory, before anything is written: a
 * call may name a contact that an earlier call of the same batch creates or gives a new id.
 */
final class BatchUpsert {

  private final JdbcClient jdbc;
  private final EntityManager entities;

  BatchUpsert(JdbcClient jdbc, EntityManager entities) {
    this.jdbc = jdbc;
    this.entities = entities;
  }

  /** A contact as the batch sees it: one that exists, or one the batch creates. */
  private static final class Slot {
    final UUID id;
    @Nullable String externalId;
    @Nullable String anonymousId;
    final @Nullable Instant createdAt;
    @Nullable Contact contact;

    Slot(Contact existing) {
      this.id = existing.id().value();
      this.externalId = existing.externalId();
      this.anonymousId = existing.anonymousId();
      this.createdAt = null;
      this.contact = existing;
    }

    Slot(Identity identity, Instant now) {
      this.id = UUID.randomUUID();
      this.externalId = identity.userId();
      this.anonymousId = identity.anonymousId();
      this.createdAt = now;
    }
  }

  /**
   * The contact of each call, in order; empty, with no contact changed, when a call would join two
   * contacts that exist apart or a concurrent call created one of the same contacts: those calls go
   * one by one.
   */
  Optional<List<ContactId>> run(List<Contacts.Upsert> calls) {
    try {
      return resolveAndApply(calls);
    } catch (PersistenceException e) {
      // As Spring's repositories do: a deadlock with a concurrent transaction becomes Spring's
      // PessimisticLockingFailureException, which callers answer by trying again.
      RuntimeException translated =
          EntityManagerFactoryUtils.convertJpaAccessExceptionIfPossible(e);
      throw translated != null ? translated : e;
    }
  }

  private Optional<List<ContactId>> resolveAndApply(List<Contacts.Upsert> calls) {
    Map<String, Slot> byUserId = new HashMap<>();
    Map<String, Slot> byAnonymousId = new HashMap<>();
    for (Contact existing : lockNamed(calls)) {
      Slot slot = new Slot(existing);
      register(slot, byUserId, byAnonymousId);
    }
    List<Slot> reached = new ArrayList<>(calls.size());
    List<Slot> created = new ArrayList<>();
    for (Contacts.Upsert call : calls) {
      Identity identity = call.identity();
      if (joinsTwo(identity, byUserId, byAnonymousId)) {
        return Optional.empty();
      }
      Slot slot = identity.userId() == null ? null : byUserId.get(identity.userId());
      if (slot == null && identity.anonymousId() != null) {
        slot = byAnonymousId.get(identity.anonymousId());
      }
      if (slot == null) {
        slot = new Slot(identity, call.seenAt());
        created.add(slot);
      }
      // As Contact.identifyAs: an id the contact lacked is taken from the call.
      if (slot.externalId == null) {
        slot.externalId = identity.userId();
      }
      if (slot.anonymousId == null) {
        slot.anonymousId = identity.anonymousId();
      }
      register(slot, byUserId, byAnonymousId);
      reached.add(slot);
    }
    if (!create(created)) {
      return Optional.empty();
    }
    List<ContactId> ids = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      Contacts.Upsert call = calls.get(i);
      Contact contact = reached.get(i).contact;
      contact.identifyAs(call.identity());
      contact.applyTraits(call.traits(), call.seenAt());
      contact.seenAt(call.seenAt());
      ids.add(contact.id());
    }
    entities.flush();
    entities.clear();
    return Optional.of(ids);
  }

  /** Every existing contact the calls name by either id, locked in id order (no deadlock). */
  private List<Contact> lockNamed(List<Contacts.Upsert> calls) {
    Set<String> userIds = new LinkedHashSet<>();
    Set<String> anonymousIds = new LinkedHashSet<>();
    for (Contacts.Upsert call : calls) {
      Identity identity = call.identity();
      if (identity.userId() != null) {
        userIds.add(identity.userId());
        if (identity.anonymousId() != null) {
          // An anonymous id can be an older user id (Contacts.mergeIfSplit looks it up as both).
          userIds.add(identity.anonymousId());
        }
      }
      if (identity.anonymousId() != null) {
        anonymousIds.add(identity.anonymousId());
      }
    }
    List<String> conditions = new ArrayList<>();
    if (!userIds.isEmpty()) {
      conditions.add("c.externalId in :userIds");
    }
    if (!anonymousIds.isEmpty()) {
      conditions.add("c.anonymousId in :anonymousIds");
    }
    var query =
        entities
            .createQuery(
                "select c from Contact c where "
                    + String.join(" or ", conditions)
                    + " order by c.id",
                Contact.class)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE);
    if (!userIds.isEmpty()) {
      query.setParameter("userIds", userIds);
    }
    if (!anonymousIds.isEmpty()) {
      query.setParameter("anonymousIds", anonymousIds);
    }
    return query.getResultList();
  }

  /**
   * Whether the call names, by its anonymous id, one contact and, by its user id, another: the
   * visitor signed in, and their two contacts must be merged, which {@link Contacts#upsert} does.
   */
  private static boolean joinsTwo(
      Identity identity, Map<String, Slot> byUserId, Map<String, Slot> byAnonymousId) {
    if (identity.userId() == null || identity.anonymousId() == null) {
      return false;
    }
    Slot previous = byUserId.get(identity.anonymousId());
    if (previous == null) {
      previous = byAnonymousId.get(identity.anonymousId());
    }
    Slot known = byUserId.get(identity.userId());
    return previous != null && known != null && previous != known;
  }

  private static void register(
      Slot slot, Map<String, Slot> byUserId, Map<String, Slot> byAnonymousId) {
    if (slot.externalId != null) {
      byUserId.putIfAbsent(slot.externalId, slot);
    }
    if (slot.anonymousId != null) {
      byAnonymousId.putIfAbsent(slot.anonymousId, slot);
    }
  }

  /**
   * Inserts the batch's new contacts in one statement and reads them back; false when a concurrent
   * transaction created one of them first.
   */
  private boolean create(List<Slot> created) {
    if (created.isEmpty()) {
      return true;
    }
    List<UUID> inserted =
        jdbc.sql(
                """
                insert into contact (id, external_id, anonymous_id, created_at, updated_at)
                select n.id, n.external_id, n.anonymous_id, n.created_at, n.created_at
                  from unnest(cast(:ids as uuid[]), cast(:externalIds as text[]),
                              cast(:anonymousIds as text[]), cast(:createdAts as timestamptz[]))
                       as n(id, external_id, anonymous_id, created_at)
                on conflict do nothing
                returning id
                """)
            .param("ids", created.stream().map(slot -> slot.id).toArray(UUID[]::new))
            .param(
                "externalIds", created.stream().map(slot -> slot.externalId).toArray(String[]::new))
            .param(
                "anonymousIds",
                created.stream().map(slot -> slot.anonymousId).toArray(String[]::new))
            .param(
                "createdAts",
                created.stream().map(slot -> String.valueOf(slot.createdAt)).toArray(String[]::new))
            .query(UUID.class)
            .list();
    if (inserted.size() < created.size()) {
      return false;
    }
    Map<UUID, Slot> byId = new HashMap<>();
    created.forEach(slot -> byId.put(slot.id, slot));
    entities
        .createQuery("select c from Contact c where c.id in :ids", Contact.class)
        .setParameter("ids", byId.keySet())
        .getResultList()
        .forEach(contact -> byId.get(contact.id().value()).contact = contact);
    return true;
  }
}
