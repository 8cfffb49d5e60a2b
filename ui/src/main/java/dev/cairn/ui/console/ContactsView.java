package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.cairn.engine.contact.ContactFilter;
import dev.cairn.engine.contact.ContactSummary;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.imports.ContactCsvExport;
import dev.cairn.engine.imports.ManualContacts;
import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.segment.SegmentSummary;
import dev.cairn.engine.segment.Segments;
import dev.cairn.ui.security.ConsoleChanges;
import jakarta.annotation.security.PermitAll;
import java.util.function.Supplier;

/**
 * All contacts, newest activity first: searchable by name, email or user id, and filtered by
 * segment, lifecycle stage, list or tag, all in one query.
 */
@Route("contacts")
@PageTitle("Contacts · Cairn")
@PermitAll
public class ContactsView extends VerticalLayout {

  public ContactsView(
      Contacts contacts,
      ContactCsvExport export,
      Segments segments,
      ContactLists lists,
      ManualContacts manual,
      ConsoleChanges changes) {
    setSizeFull();
    TextField search = new TextField();
    search.setPlaceholder("Search name, email or user id");
    search.setPrefixComponent(VaadinIcon.SEARCH.create());
    search.setClearButtonVisible(true);
    search.setValueChangeMode(ValueChangeMode.LAZY);
    search.setWidth("24rem");

    Grid<ContactSummary> grid = new Grid<>();
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(ContactSummary::name).setHeader("Name");
    grid.addColumn(c -> c.email() == null ? "" : c.email()).setHeader("Email").setFlexGrow(2);
    grid.addColumn(c -> c.externalId() == null ? "" : c.externalId()).setHeader("User id");
    grid.addColumn(c -> Formats.ago(c.lastSeenAt())).setHeader("Last seen");
    grid.addColumn(ContactSummary::engagementScore)
        .setHeader("Engagement")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(c -> Formats.timestamp(c.createdAt())).setHeader("Created");
    Select<SegmentSummary> segment = new Select<>();
    segment.setPlaceholder("Any segment");
    segment.setItems(segments.list());
    segment.setItemLabelGenerator(chosen -> chosen == null ? "Any segment" : chosen.name());
    segment.setEmptySelectionAllowed(true);
    segment.setEmptySelectionCaption("Any segment");
    Select<String> stage = new Select<>();
    stage.setPlaceholder("Any stage");
    stage.setItems(ContactFilter.STAGES);
    stage.setEmptySelectionAllowed(true);
    stage.setEmptySelectionCaption("Any stage");
    stage.addClassName("contacts-stage");
    Select<ContactList> list = new Select<>();
    list.setPlaceholder("Any list");
    list.setItems(lists.lists());
    list.setItemLabelGenerator(chosen -> chosen == null ? "Any list" : chosen.name());
    list.setEmptySelectionAllowed(true);
    list.setEmptySelectionCaption("Any list");
    list.setId("contacts-list");
    TextField tag = new TextField();
    tag.setPlaceholder("Tag");
    tag.setValueChangeMode(ValueChangeMode.LAZY);
    tag.setWidth("8rem");
    Supplier<ContactFilter> filter =
        () ->
            new ContactFilter(
                search.getValue(),
                segment.getValue() == null ? null : segment.getValue().id(),
                stage.getValue(),
                tag.getValue(),
                list.getValue() == null ? null : list.getValue().id());
    grid.setItems(
        query -> contacts.search(filter.get(), query.getOffset(), query.getLimit()).stream(),
        query -> (int) Math.min(Integer.MAX_VALUE, contacts.count(filter.get())));
    segment.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
    stage.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
    tag.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
    list.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
    grid.addItemClickListener(
        click ->
            getUI()
                .ifPresent(
                    ui ->
                        ui.navigate(
                            ContactView.class,
                            new RouteParameters("id", click.getItem().id().toString()))));
    grid.setSizeFull();
    search.addValueChangeListener(change -> grid.getDataProvider().refreshAll());

    Button importCsv =
        new Button(
            "Import CSV",
            VaadinIcon.UPLOAD.create(),
            click -> getUI().ifPresent(ui -> ui.navigate(ImportView.class)));
    Anchor exportCsv =
        new Anchor(ContactsCsv.download(changes, export, null, "contacts.csv"), "Export CSV");
    exportCsv.getElement().setAttribute("download", true);
    exportCsv.getStyle().set("white-space", "nowrap");
    Button addContact =
        new Button(
            "Add contact…",
            VaadinIcon.PLUS.create(),
            click ->
                new AddContactDialog(
                        manual,
                        id ->
                            getUI()
                                .ifPresent(
                                    ui ->
                                        ui.navigate(
                                            ContactView.class,
                                            new RouteParameters("id", id.toString()))))
                    .open());
    addContact.addClassName("contacts-add");
    HorizontalLayout tools = new HorizontalLayout(search, segment, stage, list, tag);
    // Managers look contacts up; adding, importing and exporting them is for marketers.
    if (changes.allowed()) {
      tools.add(addContact, importCsv, exportCsv);
    }
    tools.setAlignItems(FlexComponent.Alignment.BASELINE);
    // Five filters and three actions do not fit one row on a laptop: the rest goes below, not off
    // screen.
    tools.getStyle().set("flex-wrap", "wrap");
    add(new H2("Contacts"), tools, grid);
  }
}
