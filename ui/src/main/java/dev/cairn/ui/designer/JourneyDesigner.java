package dev.cairn.ui.designer;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The designer's canvas (bpmn-js Modeler with Cairn's palette, context pad, renderer and linting).
 * It reports the selected element's settings and the diagram after every change; the server sends
 * setting changes, which the canvas applies as undoable modeling commands, and its problems.
 */
@Tag("cairn-journey-designer")
@NpmPackage(value = "bpmn-js", version = "18.31.1")
@NpmPackage(value = "diagram-js", version = "15.28.1")
@NpmPackage(value = "tiny-svg", version = "4.1.4")
@NpmPackage(value = "zeebe-bpmn-moddle", version = "2.0.0")
@NpmPackage(value = "diagram-js-minimap", version = "5.5.0")
@NpmPackage(value = "bpmnlint", version = "11.15.0")
@NpmPackage(value = "bpmn-js-bpmnlint", version = "0.24.0")
@JsModule("./journey-designer.js")
final class JourneyDesigner extends Component implements HasSize {

  /** A finding of bpmnlint in the browser. */
  record LintIssue(
      @Nullable String elementId, String category, String message, @Nullable String rule) {}

  private final JsonMapper json;

  JourneyDesigner(JsonMapper json) {
    this.json = json;
    addClassName("journey-designer");
  }

  /** Opens a diagram; completes with the number of import warnings. */
  CompletableFuture<Integer> open(String xml) {
    return getElement().callJsFunction("open", xml).toCompletableFuture(Integer.class);
  }

  CompletableFuture<String> xml() {
    return getElement().callJsFunction("xml").toCompletableFuture(String.class);
  }

  /** Applies a change to the element ({@code null}: the journey itself) as one undoable step. */
  void apply(@Nullable String elementId, SettingsChange change) {
    if (!change.isEmpty()) {
      getElement().callJsFunction("apply", elementId, json.writeValueAsString(change.toMap()));
    }
  }

  /** Gives the A/B split a holdout (a share that leads straight to an End) or takes it away. */
  void setHoldout(String splitId, boolean on) {
    getElement().callJsFunction("setHoldout", splitId, on);
  }

  void select(@Nullable String elementId) {
    getElement().callJsFunction("select", elementId);
  }

  /** Marks these problems on their elements. */
  void showProblems(List<DesignProblem> problems) {
    List<Map<String, Object>> marks =
        problems.stream()
            .filter(problem -> problem.elementId() != null)
            .map(
                problem ->
                    Map.<String, Object>of(
                        "elementId",
                        problem.elementId(),
                        "message",
                        problem.message(),
                        "error",
                        problem.error()))
            .toList();
    getElement().callJsFunction("setProblems", json.writeValueAsString(marks));
  }

  void undo() {
    getElement().callJsFunction("undo");
  }

  void redo() {
    getElement().callJsFunction("redo");
  }

  void tidy() {
    getElement().callJsFunction("tidy");
  }

  void fit() {
    getElement().callJsFunction("fit");
  }

  void toggleMinimap() {
    getElement().callJsFunction("toggleMinimap");
  }

  @ClientCallable
  void selected(String settingsJson) {
    fireEvent(new Selected(this, json.readValue(settingsJson, ElementSettings.class)));
  }

  @ClientCallable
  void changed(String xml) {
    fireEvent(new Changed(this, xml));
  }

  @ClientCallable
  void linted(String issuesJson) {
    fireEvent(
        new Linted(this, json.readValue(issuesJson, new TypeReference<List<LintIssue>>() {})));
  }

  Registration addSelectedListener(ComponentEventListener<Selected> listener) {
    return addListener(Selected.class, listener);
  }

  Registration addChangedListener(ComponentEventListener<Changed> listener) {
    return addListener(Changed.class, listener);
  }

  Registration addLintedListener(ComponentEventListener<Linted> listener) {
    return addListener(Linted.class, listener);
  }

  /** The user selected an element (or nothing: the journey), or its settings changed. */
  static final class Selected extends ComponentEvent<JourneyDesigner> {
    private final ElementSettings settings;

    Selected(JourneyDesigner source, ElementSettings settings) {
      super(source, true);
      this.settings = settings;
    }

    ElementSettings settings() {
      return settings;
    }
  }

  /** The diagram changed (a drawing or a settings change, an undo or a redo). */
  static final class Changed extends ComponentEvent<JourneyDesigner> {
    private final String xml;

    Changed(JourneyDesigner source, String xml) {
      super(source, true);
      this.xml = xml;
    }

    String xml() {
      return xml;
    }
  }

  /** bpmnlint ran in the browser. */
  static final class Linted extends ComponentEvent<JourneyDesigner> {
    private final List<LintIssue> issues;

    Linted(JourneyDesigner source, List<LintIssue> issues) {
      super(source, true);
      this.issues = List.copyOf(issues);
    }

    List<LintIssue> issues() {
      return issues;
    }
  }
}
