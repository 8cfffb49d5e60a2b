package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.list.ListChange;
import jakarta.annotation.security.RolesAllowed;

/** Every list with its member count, a field to create one, and a button on each to rename it. */
@Route("lists")
@PageTitle("Lists · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class ListsView extends VerticalLayout {

  private final ContactLists lists;
  private final Grid<ContactList> grid = new Grid<>();

  public ListsView(ContactLists lists) {
    this.lists = lists;
    setSizeFull();

    TextField name = new TextField();
    name.setPlaceholder("name, e.g. Newsletter");
    name.setWidth("20rem");
    name.setId("new-list-name");
    Button create = new Button("New list", VaadinIcon.PLUS.create(), click -> create(name));
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    create.setId("create-list");
    HorizontalLayout form = new HorizontalLayout(name, create);
    form.setAlignItems(FlexComponent.Alignment.BASELINE);

    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(ContactList::name).setHeader("List").setFlexGrow(2);
    grid.addColumn(ContactList::id).setHeader("Id (for journeys)").setFlexGrow(1);
    grid.addColumn(ContactList::members).setHeader("Contacts").setAutoWidth(true);
    grid.addColumn(list -> Formats.ago(list.createdAt())).setHeader("Created").setAutoWidth(true);
    grid.addComponentColumn(this::renameButton).setAutoWidth(true).setFlexGrow(0);
    grid.addItemClickListener(
        click ->
            getUI()
                .ifPresent(
                    ui ->
                        ui.navigate(
                            ListView.class, new RouteParameters("id", click.getItem().id()))));
    grid.setId("lists");
    grid.setSizeFull();
    grid.setItems(lists.lists());

    add(
        new H2("Lists"),
        new Paragraph(
            "Audiences you keep yourself: contacts join by hand, by import or from a journey step, and stay until taken off."),
        form,
        grid);
  }

  private Button renameButton(ContactList list) {
    Button rename =
        new Button(
            "Rename…",
            click ->
                new RenameListDialog(lists, list, renamed -> grid.setItems(lists.lists())).open());
    rename.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
    rename.getElement().setAttribute("data-list", list.id());
    rename.addClassName("rename-list");
    // The row's click opens the list: the button's own click must not reach it.
    rename
        .getElement()
        .addEventListener("click", ignored -> {})
        .addEventData("event.stopPropagation()");
    return rename;
  }

  private void create(TextField name) {
    switch (lists.create(name.getValue(), null)) {
      case ListChange.Done done -> {
        name.clear();
        name.setInvalid(false);
        grid.setItems(lists.lists());
      }
      case ListChange.Refused refused -> {
        name.setErrorMessage(capitalised(refused.reason()) + ".");
        name.setInvalid(true);
      }
    }
  }

  static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
