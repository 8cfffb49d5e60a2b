package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.cairn.engine.journey.JourneyDetail;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.run.IncidentRetry;
import dev.cairn.engine.journey.track.JourneyTracking;
import dev.cairn.engine.journey.track.OpenIncident;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Journey steps that stopped for a contact (out of retries, or a path that could not be chosen),
 * with the engine's reason, and a Retry once the cause is fixed.
 */
@Route("incidents")
@PageTitle("Incidents · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class IncidentsView extends VerticalLayout {

  private static final int SHOWN = 500;

  private final JourneyTracking tracking;
  private final IncidentRetry retry;
  private final Journeys journeys;
  private final Grid<OpenIncident> grid = new Grid<>();
  private final Map<String, Optional<JourneyDetail>> names = new HashMap<>();

  public IncidentsView(JourneyTracking tracking, IncidentRetry retry, Journeys journeys) {
    this.tracking = tracking;
    this.retry = retry;
    this.journeys = journeys;
    setSizeFull();
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(incident -> Formats.ago(incident.since())).setHeader("Since").setAutoWidth(true);
    grid.addColumn(
            incident -> journey(incident).map(j -> j.summary().name()).orElse(incident.journeyId()))
        .setHeader("Journey");
    grid.addColumn(
            incident ->
                journey(incident)
                    .map(j -> j.nameOf(incident.elementId()))
                    .orElse(incident.elementId()))
        .setHeader("Step");
    grid.addColumn(incident -> incident.contactName() == null ? "" : incident.contactName())
        .setHeader("Contact");
    grid.addColumn(OpenIncident::errorMessage).setHeader("Why it stopped").setFlexGrow(3);
    grid.addComponentColumn(
            incident -> {
              Button button = new Button("Retry", click -> retry(incident));
              button.addThemeVariants(ButtonVariant.LUMO_SMALL);
              return button;
            })
        .setAutoWidth(true);
    grid.setSizeFull();
    refresh();
    add(
        new H2("Incidents"),
        new Paragraph("Steps that stopped for a contact. Fix the cause, then retry."),
        grid);
  }

  private void retry(OpenIncident incident) {
    Notification.show(
        retry.retry(incident)
            ? "Retrying: if the step fails again, it shows here again."
            : "Already resolved.");
    refresh();
  }

  private void refresh() {
    grid.setItems(tracking.openIncidents(SHOWN));
  }

  private Optional<JourneyDetail> journey(OpenIncident incident) {
    return names.computeIfAbsent(incident.journeyId(), journeys::find);
  }
}
