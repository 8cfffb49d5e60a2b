package dev.cairn.ui.console;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Who previews show until the marketer picks a real contact: every common merge field filled. */
public final class SampleContact {

  public static final ContactProfile PROFILE =
      new ContactProfile(
          new ContactId(new UUID(0, 0)),
          "sample-contact",
          null,
          "alex@example.com",
          "+15550100",
          "Alex",
          "Sample",
          Map.of(),
          Instant.EPOCH,
          Instant.EPOCH,
          null);

  private SampleContact() {}
}
