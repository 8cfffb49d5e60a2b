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
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.cairn.engine.contact.ContactSummary;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.imports.ContactCsvExport;
import jakarta.annotation.security.PermitAll;

/** All contacts, newest activity first, searchable by name, email or user id. */
@Route("contacts")
@PageTitle("Contacts · Cairn")
@PermitAll
public class ContactsView extends VerticalLayout {

  public ContactsView(Contacts contacts, ContactCsvExport export) {
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
    grid.addColumn(c -> Formats.timestamp(c.createdAt())).setHeader("Created");
    grid.setItems(
        query -> contacts.search(search.getValue(), query.getOffset(), query.getLimit()).stream(),
        query -> (int) Math.min(Integer.MAX_VALUE, contacts.count(search.getValue())));
    grid.addItemClickListener(
        click ->
            getUI()
                .ifPresent(ui -> ui.navigate(ContactView.class, new RouteParameters("id", click.getItem().id().toString()))));
    grid.setSizeFull();
    search.addValueChangeListener(change -> grid.getDataProvider().refreshAll());

    Button importCsv = new Button("Import CSV", VaadinIcon.UPLOAD.create(), click -> getUI().ifPresent(ui -> ui.navigate(ImportView.class)));
    Anchor exportCsv = new Anchor(ContactsCsv.download(export, null, "contacts.csv"), "Export CSV");
    exportCsv.getElement().setAttribute("download", true);
    HorizontalLayout tools = new HorizontalLayout(search, importCsv, exportCsv);
    tools.setAlignItems(FlexComponent.Alignment.BASELINE);
    add(new H2("Contacts"), tools, grid);
  }
}
