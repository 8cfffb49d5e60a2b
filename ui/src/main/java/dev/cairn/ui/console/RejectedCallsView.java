package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.cairn.ui.api.RejectedCalls;
import dev.cairn.ui.api.RejectedCalls.RejectedCall;
import jakarta.annotation.security.RolesAllowed;

/**
 * Event API calls Cairn refused, newest first, with the write key, the field and the reason: what a
 * developer wiring a site looks at when calls do not arrive (senders drop refused calls without a
 * retry).
 */
@Route("rejected-calls")
@PageTitle("Rejected calls · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class RejectedCallsView extends VerticalLayout {

  private static final int SHOWN = 500;

  private final RejectedCalls rejectedCalls;
  private final Grid<RejectedCall> grid = new Grid<>();

  public RejectedCallsView(RejectedCalls rejectedCalls) {
    this.rejectedCalls = rejectedCalls;
    setSizeFull();
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
    grid.addColumn(call -> Formats.ago(call.receivedAt())).setHeader("When").setAutoWidth(true);
    grid.addColumn(call -> call.writeKeyName() == null ? "" : call.writeKeyName())
        .setHeader("Write key")
        .setAutoWidth(true);
    grid.addColumn(RejectedCall::endpoint).setHeader("Endpoint").setAutoWidth(true);
    grid.addColumn(call -> call.field() == null ? "" : call.field()).setHeader("Field");
    grid.addColumn(RejectedCall::reason).setHeader("Why it was refused").setFlexGrow(3);
    grid.addColumn(RejectedCall::excerpt).setHeader("The call (start)").setFlexGrow(3);
    grid.setSizeFull();
    refresh();
    add(
        new H2("Rejected calls"),
        new Paragraph(
            "Calls to the event API that were not stored, and why. Senders do not retry them: fix"
                + " the sender. The newest 1,000 per write key are kept, for 30 days."),
        new Button("Refresh", click -> refresh()),
        grid);
  }

  private void refresh() {
    grid.setItems(rejectedCalls.newest(SHOWN));
  }
}
