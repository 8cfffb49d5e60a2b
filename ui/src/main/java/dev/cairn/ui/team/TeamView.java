package dev.cairn.ui.team;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The team: who has an account, with which role, and whether it works; an admin invites people here
 * (the one-time link is shown to copy and send) and deactivates accounts.
 */
@Route("team")
@PageTitle("Team · Cairn")
@RolesAllowed("ADMIN")
public class TeamView extends VerticalLayout {

  private final TeamMembers team;
  private final Grid<TeamMember> grid = new Grid<>();

  public TeamView(TeamMembers team) {
    this.team = team;
    setSizeFull();

    TextField username = new TextField();
    username.setPlaceholder("user name, e.g. greta");
    username.setId("invite-username");
    EmailField email = new EmailField();
    email.setPlaceholder("greta@acme.com");
    email.setId("invite-email");
    Select<Role> role = new Select<>();
    role.setItems(Role.values());
    role.setItemLabelGenerator(Role::label);
    role.setValue(Role.MARKETER);
    role.setId("invite-role");
    Button invite =
        new Button(
            "Invite", VaadinIcon.ENVELOPE_O.create(), click -> invite(username, email, role));
    invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    invite.setId("invite");
    HorizontalLayout form = new HorizontalLayout(username, email, role, invite);
    form.setAlignItems(FlexComponent.Alignment.BASELINE);

    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(TeamMember::username).setHeader("User").setFlexGrow(1);
    grid.addColumn(member -> member.email() == null ? "" : member.email())
        .setHeader("Email")
        .setFlexGrow(1);
    grid.addColumn(member -> member.role().label()).setHeader("Role").setAutoWidth(true);
    grid.addColumn(member -> member.active() ? "active" : "deactivated")
        .setHeader("Status")
        .setAutoWidth(true);
    grid.addComponentColumn(this::toggle).setAutoWidth(true).setFlexGrow(0);
    grid.setId("team");
    grid.setSizeFull();
    grid.setItems(team.all());

    add(
        new H2("Team"),
        new Paragraph(
            Arrays.stream(Role.values())
                    .map(each -> each.label() + "s: " + each.description())
                    .collect(Collectors.joining(". "))
                + "."),
        form,
        grid);
  }

  private Button toggle(TeamMember member) {
    Button toggle =
        new Button(
            member.active() ? "Deactivate" : "Activate",
            click -> {
              switch (team.setActive(member.username(), !member.active())) {
                case TeamChange.Refused refused -> Notification.show(refused.reason());
                case TeamChange.Done done -> grid.setItems(team.all());
                case TeamChange.Invited invited ->
                    throw new IllegalStateException("setActive invites no one");
              }
            });
    toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
    if (member.active()) {
      toggle.addThemeVariants(ButtonVariant.LUMO_ERROR);
    }
    toggle.getElement().setAttribute("data-user", member.username());
    toggle.addClassName("toggle-user");
    return toggle;
  }

  private void invite(TextField username, EmailField email, Select<Role> role) {
    switch (team.invite(username.getValue(), email.getValue(), role.getValue())) {
      case TeamChange.Refused refused -> {
        username.setErrorMessage(refused.reason());
        username.setInvalid(true);
      }
      case TeamChange.Invited invited -> {
        username.setInvalid(false);
        username.clear();
        email.clear();
        grid.setItems(team.all());
        showLink(invited);
      }
      case TeamChange.Done done -> throw new IllegalStateException("an invitation has a link");
    }
  }

  private static void showLink(TeamChange.Invited invited) {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Invitation for " + invited.member().username());
    TextField link = new TextField("Send this link to " + invited.member().email());
    link.setValue(invited.link());
    link.setReadOnly(true);
    link.setWidth("36rem");
    link.setId("invite-link");
    dialog.add(
        new VerticalLayout(
            link,
            new Paragraph(
                "With it, "
                    + invited.member().username()
                    + " sets a password and signs in as "
                    + invited.member().role().label().toLowerCase(java.util.Locale.ROOT)
                    + ". It works once, for "
                    + TeamMembers.INVITE_LIFETIME.toDays()
                    + " days; Cairn does not show it again.")));
    Button done = new Button("Done", click -> dialog.close());
    done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    dialog.getFooter().add(done);
    dialog.open();
  }
}
