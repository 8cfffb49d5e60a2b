package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.ContactSummary;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.duplicate.DuplicateGroup;
import dev.cairn.engine.duplicate.DuplicateMerges;
import dev.cairn.engine.duplicate.MergeCheck;
import dev.cairn.engine.duplicate.MergeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Merges duplicates after the marketer picked the contact to keep and saw what will move. A merge
 * the engine refuses shows its reason and changes nothing; the button stays off until every merge
 * shown can be done.
 */
final class MergeDialog extends Dialog {

  private final DuplicateMerges merges;
  private final String user;
  private final Consumer<ContactId> afterMerge;
  private final Div previews = new Div();
  private final Button confirm = new Button("Merge");
  private List<ContactId> toMerge = List.of();
  private @Nullable ContactId survivor;

  private MergeDialog(
      DuplicateMerges merges, String user, Consumer<ContactId> afterMerge, String title) {
    this.merges = merges;
    this.user = user;
    this.afterMerge = afterMerge;
    setHeaderTitle(title);
    addClassName("merge-dialog");
    setWidth("min(90vw, 64rem)");
    previews.addClassName("merge-previews");
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
    confirm.addClassName("merge-confirm");
    confirm.setEnabled(false);
    confirm.addClickListener(click -> mergeAll());
    getFooter().add(new Button("Cancel", click -> close()), confirm);
  }

  /** From a contact's page: this contact goes into one the marketer searches for. */
  static MergeDialog intoAnother(
      DuplicateMerges merges,
      Contacts contacts,
      ContactProfile merged,
      String user,
      Consumer<ContactId> afterMerge) {
    MergeDialog dialog =
        new MergeDialog(
            merges, user, afterMerge, "Merge " + merged.displayName() + " into another contact");
    ComboBox<ContactSummary> keep = new ComboBox<>("Contact to keep");
    // The contact itself is offered too: picking it says plainly why that cannot be.
    keep.setItems(
        query ->
            contacts
                .search(query.getFilter().orElse(""), query.getOffset(), query.getLimit())
                .stream());
    keep.setItemLabelGenerator(MergeDialog::label);
    keep.setPlaceholder("Search name, email or user id");
    keep.setWidth("28rem");
    keep.addClassName("merge-survivor");
    keep.addValueChangeListener(
        change -> {
          if (change.getValue() != null) {
            dialog.show(List.of(merged.id()), change.getValue().id());
          }
        });
    dialog.add(
        new Paragraph(
            "Everything "
                + merged.displayName()
                + " has moves to the contact you keep. Where both have a value, the contact you keep"
                + " keeps its own."),
        keep,
        dialog.previews);
    return dialog;
  }

  /**
   * From the duplicates page: the marketer picks which of the group stays; the others go into it.
   */
  static MergeDialog ofGroup(
      DuplicateMerges merges, DuplicateGroup group, String user, Consumer<ContactId> afterMerge) {
    MergeDialog dialog =
        new MergeDialog(
            merges,
            user,
            afterMerge,
            "Merge " + group.contacts().size() + " contacts: " + group.shared());
    RadioButtonGroup<ContactSummary> keep =
        new RadioButtonGroup<>("Which contact stays? Where both have a value, its own wins.");
    keep.setItems(group.contacts());
    keep.setItemLabelGenerator(
        contact ->
            label(contact)
                + (contact.createdAt() == null
                    ? ""
                    : " · created " + Formats.timestamp(contact.createdAt())));
    keep.addClassName("merge-keep");
    keep.addValueChangeListener(
        change -> {
          if (change.getValue() != null) {
            ContactId kept = change.getValue().id();
            dialog.show(
                group.contacts().stream()
                    .map(ContactSummary::id)
                    .filter(id -> !id.equals(kept))
                    .toList(),
                kept);
          }
        });
    dialog.add(keep, dialog.previews);
    keep.setValue(suggested(group));
    return dialog;
  }

  /**
   * The one the business's systems know (a user id), else the oldest: usually the record others
   * refer to.
   */
  private static ContactSummary suggested(DuplicateGroup group) {
    return group.contacts().stream()
        .filter(contact -> contact.externalId() != null)
        .findFirst()
        .orElse(group.contacts().getFirst());
  }

  private void show(List<ContactId> merged, ContactId kept) {
    previews.removeAll();
    boolean allPossible = true;
    for (ContactId id : merged) {
      switch (merges.preview(id, kept)) {
        case MergeCheck.Possible possible -> {
          if (merged.size() > 1) {
            previews.add(
                new H4(
                    possible.preview().merged().displayName()
                        + " into "
                        + possible.preview().survivor().displayName()));
          }
          previews.add(new MergeSummary(possible.preview()));
        }
        case MergeCheck.Refused refused -> {
          previews.add(refusal(refused.refusal().message()));
          allPossible = false;
        }
      }
    }
    toMerge = merged;
    survivor = kept;
    confirm.setText(merged.size() == 1 ? "Merge" : "Merge " + merged.size() + " contacts");
    confirm.setEnabled(allPossible && !merged.isEmpty());
  }

  private void mergeAll() {
    ContactId kept = survivor;
    if (kept == null) {
      return;
    }
    List<String> done = new ArrayList<>();
    String into = "";
    for (ContactId id : toMerge) {
      switch (merges.merge(id, kept, "console: " + user)) {
        case MergeResult.Merged merged -> {
          done.add(merged.moved().merged().displayName());
          into = merged.moved().survivor().displayName();
        }
        case MergeResult.Refused refused -> {
          // Checked a moment ago; someone else changed one of them since. What was merged stays
          // merged.
          previews.removeAll();
          previews.add(
              refusal(
                  refused.refusal().message()
                      + (done.isEmpty()
                          ? " Nothing was changed."
                          : " Merged before this: " + String.join(", ", done) + ".")));
          confirm.setEnabled(false);
          return;
        }
      }
    }
    close();
    Notification.show(
        String.join(", ", done)
            + (done.size() == 1 ? " was" : " were")
            + " merged into "
            + into
            + ".");
    afterMerge.accept(kept);
  }

  private static Paragraph refusal(String message) {
    Paragraph refusal = new Paragraph(message);
    refusal.addClassName("merge-refusal");
    refusal.getStyle().set("color", "var(--lumo-error-text-color)");
    return refusal;
  }

  static String label(ContactSummary contact) {
    String who = contact.name().isBlank() ? "" : contact.name() + " ";
    String address =
        contact.email() != null
            ? contact.email()
            : contact.externalId() != null ? contact.externalId() : contact.id().toString();
    String user =
        contact.externalId() != null && contact.email() != null
            ? ", user id " + contact.externalId()
            : "";
    return who.isEmpty() ? address + user : who + "(" + address + user + ")";
  }
}
