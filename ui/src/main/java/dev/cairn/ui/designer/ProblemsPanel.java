package dev.cairn.ui.designer;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** What is wrong with the journey as drawn; clicking a problem selects its element. */
final class ProblemsPanel extends VerticalLayout {

  private final Consumer<@Nullable String> select;
  private final Function<String, String> nameOf;

  ProblemsPanel(Consumer<@Nullable String> select, Function<String, String> nameOf) {
    this.select = select;
    this.nameOf = nameOf;
    addClassName("designer-problems");
    setPadding(false);
    setSpacing(false);
    getStyle()
        .set("max-height", "9.5rem")
        .set("overflow", "auto")
        .set("font-size", "var(--lumo-font-size-s)");
  }

  void show(List<DesignProblem> problems) {
    removeAll();
    if (problems.isEmpty()) {
      Span fine = new Span("No problems: ready to publish.");
      fine.addClassName("designer-no-problems");
      fine.getStyle().set("color", "var(--lumo-success-text-color)");
      add(fine);
      return;
    }
    for (DesignProblem problem : problems) {
      var icon = (problem.error() ? VaadinIcon.EXCLAMATION_CIRCLE : VaadinIcon.WARNING).create();
      icon.setSize("var(--lumo-icon-size-s)");
      icon.setColor(
          problem.error() ? "var(--lumo-error-color)" : "var(--lumo-warning-color, #c48a00)");
      String name = problem.elementId() == null ? "" : nameOf.apply(problem.elementId());
      // Most messages name their step already ("Send email" needs a subject): no second name before
      // them.
      String where =
          name.isEmpty() || problem.message().contains("\"" + name + "\"") ? "" : name + ": ";
      Div row = new Div(icon, new Span(" " + where + problem.message()));
      row.addClassName(problem.error() ? "designer-error" : "designer-warning");
      row.getElement()
          .setAttribute("data-element", problem.elementId() == null ? "" : problem.elementId());
      row.getStyle().set("cursor", "pointer").set("padding", "2px 0");
      row.addClickListener(click -> select.accept(problem.elementId()));
      add(row);
    }
  }
}
