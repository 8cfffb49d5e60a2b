package dev.cairn.ui.team;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;

/** The signed-in user changes their own password, confirming the current one first. */
public final class ChangePasswordDialog extends Dialog {

  public ChangePasswordDialog(TeamMembers team) {
    setHeaderTitle("Change your password");
    PasswordField current = new PasswordField("Current password");
    current.setManualValidation(true);
    current.setId("current-password");
    PasswordField chosen = new PasswordField("New password");
    chosen.setHelperText("At least " + TeamMembers.SHORTEST_PASSWORD + " characters");
    chosen.setManualValidation(true);
    chosen.setId("new-password");
    add(new VerticalLayout(current, chosen));
    Button save =
        new Button(
            "Change",
            click -> {
              switch (team.changeOwnPassword(current.getValue(), chosen.getValue())) {
                case TeamChange.Refused refused -> {
                  PasswordField wrong =
                      refused.reason().equals(TeamMembers.WRONG_PASSWORD) ? current : chosen;
                  wrong.setErrorMessage(refused.reason());
                  wrong.setInvalid(true);
                }
                case TeamChange.Done done -> {
                  close();
                  Notification.show("Your password was changed.");
                }
                case TeamChange.Invited invited ->
                    throw new IllegalStateException("a password change invites no one");
              }
            });
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.setId("change-password");
    getFooter().add(new Button("Cancel", click -> close()), save);
  }
}
