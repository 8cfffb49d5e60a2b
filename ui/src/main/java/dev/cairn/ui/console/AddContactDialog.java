package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.imports.ManualContacts;
import java.util.function.Consumer;
import org.springframework.security.core.context.SecurityContextHolder;

/** Adds one contact by hand; journeys that start on "Contact Added" welcome them. */
final class AddContactDialog extends Dialog {

  AddContactDialog(ManualContacts manual, Consumer<ContactId> added) {
    setHeaderTitle("Add a contact");
    addClassName("add-contact-dialog");
    EmailField email = new EmailField("Email");
    email.setRequiredIndicatorVisible(true);
    email.setWidthFull();
    TextField firstName = new TextField("First name");
    TextField lastName = new TextField("Last name");
    firstName.setWidthFull();
    lastName.setWidthFull();
    TextField phone = new TextField("Phone (with country code, e.g. +47 412 34 567)");
    phone.setWidthFull();
    Paragraph problem = new Paragraph();
    problem.addClassName("add-contact-problem");
    problem.getStyle().set("color", "var(--lumo-error-text-color)");
    VerticalLayout form =
        new VerticalLayout(
            email,
            firstName,
            lastName,
            phone,
            problem,
            new Paragraph(
                "Journeys that start on \"" + ManualContacts.ADDED + "\" take them in at once."));
    form.setPadding(false);
    add(form);
    Button save =
        new Button(
            "Add contact",
            click -> {
              var signedIn = SecurityContextHolder.getContext().getAuthentication();
              switch (manual.add(
                  email.getValue(),
                  firstName.getValue(),
                  lastName.getValue(),
                  phone.getValue(),
                  signedIn == null ? "console" : signedIn.getName())) {
                case ManualContacts.Added.Refused refused -> problem.setText(refused.reason());
                case ManualContacts.Added.Created created -> {
                  close();
                  Notification.show(
                      created.warnings().isEmpty()
                          ? "Contact added."
                          : "Contact added; left out: " + String.join("; ", created.warnings()));
                  added.accept(created.contactId());
                }
              }
            });
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.addClassName("add-contact-save");
    getFooter().add(new Button("Cancel", click -> close()), save);
  }
}
