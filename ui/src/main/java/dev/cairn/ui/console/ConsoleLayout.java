package dev.cairn.ui.console;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.cairn.ui.team.ChangePasswordDialog;
import dev.cairn.ui.team.TeamMembers;
import dev.cairn.ui.team.TeamView;
import dev.cairn.ui.writekey.WriteKeysView;
import jakarta.annotation.security.PermitAll;

/** The frame around every console page: navigation on the left, the signed-in user on top. */
@Layout
@PermitAll
@CssImport("./console.css")
public class ConsoleLayout extends AppLayout {

  public ConsoleLayout(AuthenticationContext authentication, TeamMembers team) {
    Span title = new Span("Cairn");
    title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");

    Span user = new Span(authentication.getPrincipalName().orElse(""));
    user.getStyle().set("color", "var(--lumo-secondary-text-color)");
    Button signOut = new Button("Sign out", event -> authentication.logout());
    signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

    HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title);
    header.setAlignItems(FlexComponent.Alignment.CENTER);
    Button password =
        new Button("Change password…", event -> new ChangePasswordDialog(team).open());
    password.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    password.setId("open-change-password");
    HorizontalLayout account = new HorizontalLayout(user, password, signOut);
    account.setAlignItems(FlexComponent.Alignment.CENTER);
    HorizontalLayout bar = new HorizontalLayout(header, account);
    bar.setWidthFull();
    bar.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
    bar.setAlignItems(FlexComponent.Alignment.CENTER);
    bar.getStyle().set("padding-right", "var(--lumo-space-m)");
    addToNavbar(bar);

    // Each page checks the role itself (@RolesAllowed); the menu only leaves out what would be
    // refused.
    boolean marketer = authentication.hasAnyRole("ADMIN", "MARKETER");
    SideNav nav = new SideNav();
    nav.addItem(new SideNavItem("Journeys", JourneysView.class, VaadinIcon.SITEMAP.create()));
    nav.addItem(new SideNavItem("Contacts", ContactsView.class, VaadinIcon.USERS.create()));
    if (marketer) {
      nav.addItem(
          new SideNavItem("Possible duplicates", DuplicatesView.class, VaadinIcon.COPY_O.create()));
      nav.addItem(new SideNavItem("Segments", SegmentsView.class, VaadinIcon.FILTER.create()));
      nav.addItem(new SideNavItem("Lists", ListsView.class, VaadinIcon.LIST_UL.create()));
      nav.addItem(new SideNavItem("Attributes", AttributesView.class, VaadinIcon.TAGS.create()));
      nav.addItem(new SideNavItem("Templates", TemplatesView.class, VaadinIcon.EDIT.create()));
    }
    nav.addItem(new SideNavItem("Outbox", OutboxView.class, VaadinIcon.ENVELOPES_O.create()));
    if (marketer) {
      nav.addItem(new SideNavItem("Incidents", IncidentsView.class, VaadinIcon.WARNING.create()));
      nav.addItem(
          new SideNavItem("Rejected calls", RejectedCallsView.class, VaadinIcon.BAN.create()));
    }
    if (authentication.hasRole("ADMIN")) {
      nav.addItem(new SideNavItem("Team", TeamView.class, VaadinIcon.GROUP.create()));
      nav.addItem(new SideNavItem("Write keys", WriteKeysView.class, VaadinIcon.KEY.create()));
    }
    addToDrawer(nav);
    setPrimarySection(Section.DRAWER);
  }
}
