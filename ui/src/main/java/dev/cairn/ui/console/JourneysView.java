package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.shared.Registration;
import dev.cairn.engine.journey.JourneyStatus;
import dev.cairn.engine.journey.JourneySummary;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.track.JourneyTracking;
import dev.cairn.ui.security.ConsoleChanges;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** The journey library: every journey, whether it runs, and how many contacts are inside. */
@Route("")
@PageTitle("Journeys · Cairn")
@PermitAll
public class JourneysView extends VerticalLayout {

  record Row(JourneySummary journey, long contactsInside) {}

  private static final int REFRESH_MILLIS = 5_000;

  public JourneysView(Journeys journeys, JourneyTracking tracking, ConsoleChanges changes) {
    setSizeFull();
    // Managers watch journeys; creating, duplicating and uploading them is for marketers.
    boolean mayChange = changes.allowed();
    Grid<Row> grid = new Grid<>();
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(row -> row.journey().name()).setHeader("Journey").setFlexGrow(2);
    grid.addColumn(new ComponentRenderer<>(row -> statusBadge(row.journey().status())))
        .setHeader("Status")
        .setAutoWidth(true);
    grid.addColumn(row -> triggerText(row.journey())).setHeader("Entry").setFlexGrow(2);
    grid.addColumn(
            row ->
                row.journey().latestVersion() == null ? "–" : "v" + row.journey().latestVersion())
        .setHeader("Version")
        .setAutoWidth(true);
    grid.addColumn(Row::contactsInside).setHeader("Contacts inside").setAutoWidth(true);
    grid.addColumn(
            new ComponentRenderer<>(
                row -> {
                  Button duplicate =
                      new Button(
                          "Duplicate",
                          click ->
                              grid.getUI()
                                  .ifPresent(
                                      ui ->
                                          ui.navigate(
                                              "journeys/new",
                                              QueryParameters.of("from", row.journey().id()))));
                  duplicate.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                  duplicate.addClassName("journey-duplicate");
                  duplicate.setVisible(mayChange);
                  // The click is the button's, not the row's: the row would open the journey
                  // instead.
                  duplicate
                      .getElement()
                      .addEventListener("click", ignored -> {})
                      .addEventData("event.stopPropagation()");
                  return duplicate;
                }))
        .setAutoWidth(true);
    grid.addItemClickListener(
        click ->
            getUI()
                .ifPresent(
                    ui ->
                        ui.navigate(
                            JourneyView.class,
                            new RouteParameters("id", click.getItem().journey().id()))));
    grid.setItems(rows(journeys, tracking));
    grid.setSizeFull();
    // Status and counts change while the page is open (a journey goes live, contacts enter).
    addAttachListener(
        attach -> {
          attach.getUI().setPollInterval(REFRESH_MILLIS);
          Registration polling =
              attach.getUI().addPollListener(poll -> grid.setItems(rows(journeys, tracking)));
          addDetachListener(
              detach -> {
                polling.remove();
                detach.getUI().setPollInterval(-1);
                detach.unregisterListener();
              });
        });

    // The upload needs the UI to report back on; it exists once the view is attached.
    // By route name: the designer lives in a feature of its own, which uses the console's builders.
    Button newJourney =
        new Button(
            "New journey", VaadinIcon.PLUS.create(), click -> navigate(grid, "journeys/new"));
    newJourney.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    newJourney.addClassName("journey-new");
    HorizontalLayout tools =
        new HorizontalLayout(new Paragraph("Click a journey to see where its contacts are."));
    if (mayChange) {
      tools.addComponentAsFirst(newJourney);
    }
    tools.setAlignItems(FlexComponent.Alignment.CENTER);
    tools.setWidthFull();
    addAttachListener(
        attach -> {
          if (mayChange && tools.getComponentCount() == 2) {
            tools.add(
                DiagramFiles.upload(
                    journeys,
                    null,
                    attach.getUI(),
                    saved ->
                        attach
                            .getUI()
                            .navigate(
                                JourneyView.class, new RouteParameters("id", saved.journeyId()))));
          }
        });
    add(new H2("Journeys"), tools, grid);
  }

  private static void navigate(Grid<Row> grid, String location) {
    grid.getUI().ifPresent(ui -> ui.navigate(location));
  }

  private static List<Row> rows(Journeys journeys, JourneyTracking tracking) {
    return journeys.list().stream().map(j -> new Row(j, tracking.activeContacts(j.id()))).toList();
  }

  static Span statusBadge(JourneyStatus status) {
    Span badge =
        new Span(
            switch (status) {
              case DRAFT -> "Draft";
              case PUBLISHED -> "Running";
              case PAUSED -> "Paused";
              case STOPPED -> "Stopped";
            });
    badge.getElement().getThemeList().add("badge");
    badge
        .getElement()
        .getThemeList()
        .add(
            switch (status) {
              case DRAFT -> "contrast";
              case PUBLISHED -> "success";
              case PAUSED -> "warning";
              case STOPPED -> "error";
            });
    return badge;
  }

  private static String triggerText(JourneySummary journey) {
    return journey.triggerEvent() == null
        ? "—"
        : "When \"" + journey.triggerEvent() + "\" is tracked";
  }
}
