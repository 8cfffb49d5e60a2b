package dev.cairn.engine.contact;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ContactRepository extends JpaRepository<Contact, UUID> {

  Optional<Contact> findByExternalId(String externalId);

  Optional<Contact> findByAnonymousId(String anonymousId);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from Contact c where c.id = :id")
  Optional<Contact> lockById(UUID id);

  /** Found and locked in one statement: the lock re-checks the user id on the row it waited for. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from Contact c where c.externalId = :externalId")
  Optional<Contact> lockByExternalId(String externalId);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from Contact c where c.anonymousId = :anonymousId")
  Optional<Contact> lockByAnonymousId(String anonymousId);
}
