package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.cairn.engine.contact.ContactSummary;
import dev.cairn.engine.duplicate.DuplicateContacts;
import dev.cairn.engine.duplicate.DuplicateGroup;
import dev.cairn.engine.duplicate.DuplicateMerges;
import dev.cairn.engine.duplicate.DuplicateRule;
import jakarta.annotation.security.RolesAllowed;

/**
 * Contacts that look like one person, in groups with the reason, the most recently active first,
 * each with a Merge action. Nothing merges on its own: a shared phone may be a family's.
 */
@Route("contacts/duplicates")
@PageTitle("Possible duplicates · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class DuplicatesView extends VerticalLayout {

  private final DuplicateContacts duplicates;
  private final Span count = new Span();
  private final Grid<DuplicateGroup> grid = new Grid<>();

  public DuplicatesView(
      DuplicateContacts duplicates, DuplicateMerges merges, AuthenticationContext authentication) {
    this.duplicates = duplicates;
    setSizeFull();
    String user = authentication.getPrincipalName().orElse("console");
    UnorderedList rules = new UnorderedList();
    for (DuplicateRule rule : DuplicateRule.values()) {
      rules.add(
          new ListItem(
              rule.label()
                  + (rule == DuplicateRule.SAME_NAME_AT_COMPANY_DOMAIN
                      ? " (webmail such as gmail.com does not count)"
                      : "")));
    }
    count.setId("duplicate-count");

    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
    grid.addColumn(group -> group.rule().label()).setHeader("Why").setFlexGrow(1);
    grid.addColumn(DuplicateGroup::shared).setHeader("Shared").setFlexGrow(1);
    grid.addComponentColumn(DuplicatesView::members).setHeader("Contacts").setFlexGrow(3);
    grid.addComponentColumn(
            group -> {
              Button merge =
                  new Button(
                      "Merge…",
                      click ->
                          MergeDialog.ofGroup(merges, group, user, survivor -> refresh()).open());
              merge.addThemeVariants(ButtonVariant.LUMO_SMALL);
              merge.addClassName("duplicate-merge");
              merge.getElement().setAttribute("data-shared", group.shared());
              return merge;
            })
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.setItems(
        query -> duplicates.groups(query.getOffset(), query.getLimit()).stream(),
        query -> (int) Math.min(Integer.MAX_VALUE, duplicates.count()));
    grid.setSizeFull();
    add(
        new H2("Possible duplicates"),
        new Paragraph("Contacts that are probably one person, because they have:"),
        rules,
        new Paragraph(
            "Merging moves everything of one contact into the one you keep, after showing you what will move."),
        count,
        grid);
    showCount();
  }

  private void refresh() {
    grid.getDataProvider().refreshAll();
    showCount();
  }

  private void showCount() {
    long groups = duplicates.count();
    count.setText(
        groups == 0
            ? "No possible duplicates."
            : groups + (groups == 1 ? " group" : " groups") + " of possible duplicates.");
  }

  private static Div members(DuplicateGroup group) {
    Div members = new Div();
    for (ContactSummary contact : group.contacts()) {
      RouterLink link =
          new RouterLink(
              MergeDialog.label(contact),
              ContactView.class,
              new RouteParameters("id", contact.id().toString()));
      Div line =
          new Div(
              link,
              new Span(
                  contact.createdAt() == null
                      ? ""
                      : " · created " + Formats.timestamp(contact.createdAt())));
      members.add(line);
    }
    return members;
  }
}
