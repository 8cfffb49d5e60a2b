package dev.cairn.ui.console;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.cairn.channels.delivery.Deliveries;
import dev.cairn.channels.delivery.MessageView;
import jakarta.annotation.security.PermitAll;

/**
 * Every message Cairn produced, newest first: what was sent over SMTP, and what waits in the outbox
 * because no mail server is configured. Selecting one shows it as the recipient would see it.
 */
@Route("outbox")
@PageTitle("Outbox · Cairn")
@PermitAll
public class OutboxView extends VerticalLayout {

  public OutboxView(Deliveries deliveries) {
    setSizeFull();
    MessagePreview preview = new MessagePreview();

    Grid<MessageView> grid = new Grid<>();
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
    grid.addColumn(m -> Formats.timestamp(m.createdAt())).setHeader("Created").setAutoWidth(true);
    grid.addColumn(MessageView::recipient).setHeader("To").setFlexGrow(2);
    grid.addColumn(m -> m.subject() == null ? "" : m.subject()).setHeader("Subject").setFlexGrow(3);
    grid.addColumn(m -> m.status().name() + (m.test() ? " · test" : ""))
        .setHeader("Status")
        .setAutoWidth(true);
    grid.addColumn(
            m -> m.journeyId() != null ? m.journeyId() : m.test() ? "test from Templates" : "")
        .setHeader("Journey")
        .setAutoWidth(true);
    grid.setItems(
        query -> deliveries.recent(query.getOffset(), query.getLimit()).stream(),
        query -> (int) Math.min(Integer.MAX_VALUE, deliveries.count()));
    grid.asSingleSelect().addValueChangeListener(change -> preview.show(change.getValue()));
    grid.setSizeFull();

    SplitLayout split = new SplitLayout(grid, preview);
    split.setSizeFull();
    split.setSplitterPosition(55);
    add(
        new H2("Outbox"),
        new Paragraph(
            "Messages journeys produced. Without an SMTP server configured, email stays here."),
        split);
  }
}
