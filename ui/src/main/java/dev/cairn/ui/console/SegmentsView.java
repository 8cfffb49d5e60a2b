package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.cairn.engine.segment.SegmentSummary;
import dev.cairn.engine.segment.Segments;
import jakarta.annotation.security.RolesAllowed;

/** Every segment with its size at the last refresh. */
@Route("segments")
@PageTitle("Segments · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class SegmentsView extends VerticalLayout {

  public SegmentsView(Segments segments) {
    setSizeFull();
    Button create = new Button("New segment", VaadinIcon.PLUS.create(), click -> navigateTo("new"));
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

    Grid<SegmentSummary> grid = new Grid<>();
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(SegmentSummary::name).setHeader("Segment").setFlexGrow(2);
    grid.addColumn(s -> s.description() == null ? "" : s.description())
        .setHeader("Who")
        .setFlexGrow(3);
    grid.addColumn(SegmentSummary::memberCount).setHeader("Contacts").setAutoWidth(true);
    grid.addColumn(s -> s.refreshedAt() == null ? "not yet" : Formats.ago(s.refreshedAt()))
        .setHeader("Counted")
        .setAutoWidth(true);
    grid.setItems(segments.list());
    grid.addItemClickListener(click -> navigateTo(click.getItem().id()));
    grid.setSizeFull();

    add(
        new H2("Segments"),
        new Paragraph(
            "Groups of contacts, kept current as events arrive. Journeys can start when someone enters one."),
        create,
        grid);
  }

  private void navigateTo(String id) {
    getUI().ifPresent(ui -> ui.navigate(SegmentView.class, new RouteParameters("id", id)));
  }
}
