package dev.cairn.ui.console;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.list.ListChange;
import java.util.function.Consumer;

/**
 * Gives a list a new name. A name that is empty, too long or another list's is refused in the
 * dialog, which stays open with the reason, so the marketer can fix it there.
 */
final class RenameListDialog extends Dialog {

  RenameListDialog(ContactLists lists, ContactList list, Consumer<ContactList> renamed) {
    setHeaderTitle("Rename " + list.name());
    addClassName("rename-list-dialog");
    TextField name = new TextField("New name");
    name.setValue(list.name());
    // The reason comes from the list rules on saving; the field's own checks would clear it on
    // blur.
    name.setManualValidation(true);
    name.setWidth("24rem");
    name.setId("rename-list-name");
    // The id stays: a marketer renaming a list must know journeys and segments keep working.
    VerticalLayout form =
        new VerticalLayout(
            name,
            new Paragraph(
                "Its id, "
                    + list.id()
                    + ", stays: journeys and segments that use the list keep working."));
    form.setPadding(false);
    add(form);
    Button save =
        new Button(
            "Rename",
            click -> {
              switch (lists.rename(list.id(), name.getValue())) {
                case ListChange.Done done -> {
                  close();
                  if (done.changed()) {
                    Notification.show(
                        "Renamed \"" + list.name() + "\" to \"" + done.list().name() + "\".");
                  }
                  renamed.accept(done.list());
                }
                case ListChange.Refused refused -> {
                  name.setErrorMessage(ListsView.capitalised(refused.reason()) + ".");
                  name.setInvalid(true);
                }
              }
            });
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.setId("rename-list-save");
    save.addClickShortcut(Key.ENTER);
    getFooter().add(new Button("Cancel", click -> close()), save);
  }
}
