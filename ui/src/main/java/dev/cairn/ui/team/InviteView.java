package dev.cairn.ui.team;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Where an invited person sets their password, through the one-time link an admin sent them. */
@Route(value = "invite/:token", autoLayout = false)
@PageTitle("Join · Cairn")
@AnonymousAllowed
public class InviteView extends VerticalLayout implements BeforeEnterObserver {

  private final TeamMembers team;

  public InviteView(TeamMembers team) {
    this.team = team;
    setSizeFull();
    setAlignItems(FlexComponent.Alignment.CENTER);
    setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String token = event.getRouteParameters().get("token").orElse("");
    removeAll();
    add(new H1("Cairn"));
    team.invitedBy(token)
        .ifPresentOrElse(
            username -> showForm(token, username),
            () ->
                add(
                    new Paragraph(
                        "This invitation link was used already, has expired or was withdrawn;"
                            + " ask an admin for a new one.")));
  }

  private void showForm(String token, String username) {
    PasswordField password = new PasswordField("Choose a password");
    password.setHelperText("At least " + TeamMembers.SHORTEST_PASSWORD + " characters");
    password.setManualValidation(true);
    password.setId("invite-password");
    PasswordField again = new PasswordField("The same again");
    again.setManualValidation(true);
    again.setId("invite-password-again");
    Button save =
        new Button(
            "Set password",
            click -> {
              if (!password.getValue().equals(again.getValue())) {
                again.setErrorMessage("The two passwords differ; type the same one twice.");
                again.setInvalid(true);
                return;
              }
              switch (team.acceptInvite(token, password.getValue())) {
                case TeamChange.Refused refused -> {
                  password.setErrorMessage(refused.reason());
                  password.setInvalid(true);
                }
                case TeamChange.Done done -> {
                  removeAll();
                  add(
                      new H1("Cairn"),
                      new Paragraph("Your password is set. Sign in as " + username + "."),
                      new com.vaadin.flow.component.html.Anchor("login", "Sign in"));
                }
                case TeamChange.Invited invited ->
                    throw new IllegalStateException("accepting invites no one");
              }
            });
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.setId("invite-accept");
    add(new Paragraph("Welcome, " + username + ". Choose your password."), password, again, save);
  }
}
