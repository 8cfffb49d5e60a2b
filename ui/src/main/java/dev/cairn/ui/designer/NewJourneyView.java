package dev.cairn.ui.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.cairn.engine.journey.JourneySummary;
import dev.cairn.engine.journey.Journeys;
import java.util.List;
import java.util.Optional;

/**
 * A new journey: on a blank canvas, or as a copy the marketer owns of a library journey or of one
 * of theirs ("Duplicate" on the journey list comes here with {@code ?from=<id>}).
 */
@Route("journeys/new")
@PageTitle("New journey · Cairn")
@jakarta.annotation.security.RolesAllowed({"ADMIN", "MARKETER"})
public class NewJourneyView extends VerticalLayout implements BeforeEnterObserver {

  private static final String BLANK = "A blank canvas";
  private static final String COPY = "A copy of a journey";

  private final Journeys journeys;
  private final TextField name = new TextField("Name");
  private final RadioButtonGroup<String> start = new RadioButtonGroup<>("Start from");
  private final Select<JourneySummary> from = new Select<>();

  public NewJourneyView(Journeys journeys) {
    this.journeys = journeys;
    setMaxWidth("40rem");
    name.setWidthFull();
    name.setRequired(true);
    name.addClassName("new-journey-name");
    start.setItems(BLANK, COPY);
    start.setValue(BLANK);
    start.addClassName("new-journey-start");
    List<JourneySummary> all = journeys.list();
    from.setLabel("Journey to copy (the library's and yours)");
    from.setItems(all);
    from.setItemLabelGenerator(JourneySummary::name);
    from.setWidthFull();
    from.addClassName("new-journey-from");
    from.setEnabled(false);
    start.addValueChangeListener(change -> from.setEnabled(COPY.equals(change.getValue())));
    from.addValueChangeListener(
        change -> {
          if (change.getValue() != null
              && (name.isEmpty() || name.getValue().startsWith("Copy of "))) {
            name.setValue("Copy of " + change.getValue().name());
          }
        });
    Button create = new Button("Create and open the designer", click -> create());
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    create.addClassName("new-journey-create");
    add(
        new H2("New journey"),
        new Paragraph("Name it, then draw it. Nothing runs until you publish it."),
        name,
        start,
        from,
        create);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Optional<String> copyOf = event.getLocation().getQueryParameters().getSingleParameter("from");
    copyOf
        .flatMap(id -> journeys.list().stream().filter(j -> j.id().equals(id)).findFirst())
        .ifPresent(
            journey -> {
              start.setValue(COPY);
              from.setValue(journey);
            });
  }

  private void create() {
    String title = name.getValue().strip();
    if (title.isEmpty()) {
      name.setInvalid(true);
      name.setErrorMessage("A journey needs a name.");
      return;
    }
    List<String> taken = journeys.list().stream().map(JourneySummary::id).toList();
    String id = DiagramCopy.idFor(title, taken::contains);
    String xml;
    if (COPY.equals(start.getValue())) {
      JourneySummary original = from.getValue();
      if (original == null) {
        from.setInvalid(true);
        from.setErrorMessage("Pick the journey to copy.");
        return;
      }
      xml = DiagramCopy.copy(journeys.sourceOf(original.id()).orElseThrow(), id, title);
    } else {
      xml = DiagramCopy.blank(id, title);
    }
    journeys.addIfAbsent(id, title, null, xml);
    getUI().ifPresent(ui -> ui.navigate("journeys/" + id + "/design"));
  }
}
