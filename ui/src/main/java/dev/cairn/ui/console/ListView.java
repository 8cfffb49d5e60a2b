package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.list.ListMember;
import jakarta.annotation.security.RolesAllowed;

/** One list: its members, newest first, a page at a time; a click opens the contact. */
@Route("lists/:id")
@PageTitle("List · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class ListView extends VerticalLayout implements BeforeEnterObserver {

  private final ContactLists lists;

  public ListView(ContactLists lists) {
    this.lists = lists;
    setSizeFull();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String id = event.getRouteParameters().get("id").orElseThrow(NotFoundException::new);
    ContactList list = lists.find(id).orElseThrow(() -> new NotFoundException("No list " + id));
    removeAll();

    Span count = new Span(list.members() == 1 ? "1 contact" : list.members() + " contacts");
    count.setId("list-count");
    Button rename =
        new Button(
            "Rename…",
            click ->
                new RenameListDialog(
                        lists, list, renamed -> getUI().ifPresent(ui -> ui.getPage().reload()))
                    .open());
    rename.setId("rename-list");
    Button delete = new Button("Delete list…", click -> confirmDelete(list));
    delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
    HorizontalLayout actions = new HorizontalLayout(rename, delete);

    Grid<ListMember> members = new Grid<>();
    members.addThemeVariants(GridVariant.LUMO_COMPACT);
    members.addColumn(member -> member.name() == null ? "" : member.name()).setHeader("Name");
    members.addColumn(member -> member.email() == null ? "" : member.email()).setHeader("Email");
    members
        .addColumn(member -> member.userId() == null ? "" : member.userId())
        .setHeader("User id");
    members
        .addColumn(member -> Formats.ago(member.addedAt()))
        .setHeader("Added")
        .setAutoWidth(true);
    members.addColumn(ListMember::source).setHeader("How").setAutoWidth(true);
    // Lists reach tens of thousands from an import: fetch what the grid shows, never all.
    members.setItems(query -> lists.members(id, query.getOffset(), query.getLimit()).stream());
    members.addItemClickListener(
        click ->
            getUI()
                .ifPresent(
                    ui ->
                        ui.navigate(
                            ContactView.class,
                            new RouteParameters("id", click.getItem().contactId().toString()))));
    members.setId("list-members");
    members.setSizeFull();

    H2 title = new H2(list.name());
    title.setId("list-name");
    add(title, new Span("Id for journeys and segments: " + list.id()), count, actions, members);
  }

  private void confirmDelete(ContactList list) {
    ConfirmDialog confirm = new ConfirmDialog();
    confirm.setHeader("Delete " + list.name() + "?");
    // Journeys and segments name lists by id: they must hear it before the marketer clicks.
    confirm.setText(
        "The list and its memberships are deleted; the contacts stay. Journey steps that add to or remove from \""
            + list.id()
            + "\" stop at that step, and segments on it match no one.");
    confirm.setCancelable(true);
    confirm.setConfirmText("Delete list");
    confirm.setConfirmButtonTheme("error primary");
    confirm.addConfirmListener(
        yes -> {
          lists.delete(list.id());
          Notification.show("Deleted \"" + list.name() + "\"; its contacts stay.");
          getUI().ifPresent(ui -> ui.navigate(ListsView.class));
        });
    confirm.open();
  }
}
