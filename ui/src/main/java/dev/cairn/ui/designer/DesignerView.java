package dev.cairn.ui.designer;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.cairn.channels.delivery.Deliveries;
import dev.cairn.channels.sms.SmsLinks;
import dev.cairn.channels.template.Templates;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.JourneyDetail;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.Revision;
import dev.cairn.engine.journey.compile.CompileResult;
import dev.cairn.engine.journey.compile.JourneyCompiler;
import dev.cairn.engine.journey.draft.Draft;
import dev.cairn.engine.journey.draft.JourneyDrafts;
import dev.cairn.engine.journey.testrun.TestRuns;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.segment.Segments;
import dev.cairn.ui.console.BuilderChoices;
import dev.cairn.ui.console.TestRunDialog;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The designer for one journey: the canvas, the selected node's settings on the right, the problems
 * below. Every change is validated by the validator Publish uses and saved as the draft; what runs
 * changes only on Publish.
 */
@Route("journeys/:id/design")
@PageTitle("Designer · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class DesignerView extends VerticalLayout implements BeforeEnterObserver {

  private static final DateTimeFormatter SAVED_AT = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final Pattern NAMES =
      Pattern.compile("<bpmn:[a-zA-Z]+ id=\"([^\"]+)\"[^>]*? name=\"([^\"]*)\"");

  private final Journeys journeys;
  private final JourneyCompiler compiler;
  private final JourneyDrafts drafts;
  private final TestRuns testRuns;
  private final Contacts contacts;
  private final Deliveries deliveries;
  private final JsonMapper json;
  private final AuthenticationContext authentication;
  private final JourneyDesigner designer;
  private final PropertiesPanel properties;
  private final ProblemsPanel problemsPanel;
  private final H2 title = new H2();
  private final Span saved = new Span();
  private final Button publish = new Button("Publish", VaadinIcon.PLAY.create());
  private final Span publishWhy = new Span();
  private final Map<String, String> names = new HashMap<>();
  private List<DesignProblem> validated = List.of();
  private List<JourneyDesigner.LintIssue> linted = List.of();
  private @Nullable String journeyId;
  private @Nullable String currentXml;

  public DesignerView(
      Journeys journeys,
      JourneyCompiler compiler,
      JourneyDrafts drafts,
      TestRuns testRuns,
      Contacts contacts,
      Deliveries deliveries,
      Templates templates,
      SmsLinks smsLinks,
      Segments segments,
      ContactLists lists,
      JsonMapper json,
      AuthenticationContext authentication) {
    this.journeys = journeys;
    this.compiler = compiler;
    this.drafts = drafts;
    this.testRuns = testRuns;
    this.contacts = contacts;
    this.deliveries = deliveries;
    this.json = json;
    this.authentication = authentication;
    this.designer = new JourneyDesigner(json);
    this.properties =
        new PropertiesPanel(
            designer,
            new PropertiesPanel.Services(
                templates, smsLinks, contacts, json, BuilderChoices.of(segments, lists, "")));
    this.problemsPanel = new ProblemsPanel(designer::select, id -> names.getOrDefault(id, id));
    setSizeFull();
    setPadding(true);
    setSpacing(false);

    designer.setSizeFull();
    designer.addSelectedListener(selected -> properties.show(selected.settings()));
    designer.addChangedListener(changed -> changed(changed.xml()));
    designer.addLintedListener(
        lint -> {
          linted = lint.issues();
          showProblems();
        });

    Button undo = toolbarButton("Undo", VaadinIcon.ROTATE_LEFT, designer::undo);
    undo.addClassName("designer-undo");
    Button redo = toolbarButton("Redo", VaadinIcon.ROTATE_RIGHT, designer::redo);
    redo.addClassName("designer-redo");
    Button tidy = toolbarButton("Tidy up", VaadinIcon.ALIGN_CENTER, designer::tidy);
    tidy.addClassName("designer-tidy");
    Button fit = toolbarButton("Zoom to fit", VaadinIcon.EXPAND_SQUARE, designer::fit);
    Button minimap = toolbarButton("Minimap", VaadinIcon.MODAL, designer::toggleMinimap);
    Button history = toolbarButton("Versions", VaadinIcon.TIME_BACKWARD, this::openHistory);
    history.addClassName("designer-history");
    Button testRun = toolbarButton("Test run", VaadinIcon.FLASK, this::testRun);
    testRun.addClassName("designer-test-run");
    publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    publish.addClassName("designer-publish");
    publish.addClickListener(click -> publish());
    publish.addClickShortcut(Key.KEY_P, KeyModifier.ALT);
    publishWhy.addClassName("designer-publish-why");
    publishWhy
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    saved.addClassName("designer-saved");
    saved
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");

    HorizontalLayout tools =
        new HorizontalLayout(undo, redo, tidy, fit, minimap, history, testRun, saved);
    tools.setAlignItems(FlexComponent.Alignment.CENTER);
    tools.setSpacing(false);
    HorizontalLayout publishing = new HorizontalLayout(publishWhy, publish);
    publishing.setAlignItems(FlexComponent.Alignment.CENTER);
    HorizontalLayout header = new HorizontalLayout(title, tools, publishing);
    header.setWidthFull();
    header.setAlignItems(FlexComponent.Alignment.CENTER);
    header.expand(tools);
    title.getStyle().set("margin", "0 var(--lumo-space-m) 0 0").set("white-space", "nowrap");

    VerticalLayout left = new VerticalLayout(designer, problemsPanel);
    left.setPadding(false);
    left.setSizeFull();
    left.expand(designer);
    designer
        .getStyle()
        .set("border", "1px solid var(--lumo-contrast-10pct)")
        .set("border-radius", "var(--lumo-border-radius-l)");
    properties.setWidthFull();
    SplitLayout split = new SplitLayout(left, properties);
    split.setSizeFull();
    split.setSplitterPosition(72);
    add(header, split);
    expand(split);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String id = event.getRouteParameters().get("id").orElseThrow(NotFoundException::new);
    JourneyDetail journey =
        journeys.find(id).orElseThrow(() -> new NotFoundException("No journey " + id));
    journeyId = id;
    title.setText(journey.summary().name());
    String xml =
        drafts
            .draftOf(id)
            .map(Draft::sourceXml)
            .orElseGet(() -> journeys.sourceOf(id).orElseThrow());
    open(
        xml,
        drafts
            .draftOf(id)
            .map(d -> "Draft saved " + SAVED_AT.format(d.savedAt().atZone(ZoneId.systemDefault())))
            .orElse("No changes yet"));
  }

  private void open(String xml, String savedText) {
    currentXml = xml;
    rememberNames(xml);
    validate(xml);
    saved.setText(savedText);
    designer.open(xml);
  }

  /** After every change: save the draft, check it as Publish would. */
  private void changed(String xml) {
    if (journeyId == null || xml.equals(currentXml)) {
      return;
    }
    currentXml = xml;
    rememberNames(xml);
    Draft draft = drafts.save(journeyId, xml, user());
    saved.setText("Draft saved " + SAVED_AT.format(draft.savedAt().atZone(ZoneId.systemDefault())));
    validate(xml);
  }

  private void validate(String xml) {
    validated =
        switch (compiler.compile(xml)) {
          case CompileResult.Rejected rejected ->
              rejected.problems().stream()
                  .map(problem -> new DesignProblem(problem.elementId(), problem.message(), true))
                  .toList();
          case CompileResult.Compiled compiled -> List.of();
        };
    showProblems();
  }

  private void showProblems() {
    List<DesignProblem> all = new ArrayList<>(validated);
    for (JourneyDesigner.LintIssue issue : linted) {
      // Paths meeting at a step is how Cairn journeys join again: nothing to fix, so not listed.
      if ("fake-join".equals(issue.rule())) {
        continue;
      }
      // Cairn's validator says it in the marketer's words already when it finds the same element
      // wrong.
      boolean known =
          validated.stream()
              .anyMatch(p -> p.elementId() != null && p.elementId().equals(issue.elementId()));
      if (!known) {
        all.add(
            new DesignProblem(
                issue.elementId(), LintWords.of(issue), "error".equals(issue.category())));
      }
    }
    problemsPanel.show(all);
    designer.showProblems(all);
    long errors = all.stream().filter(DesignProblem::error).count();
    publish.setEnabled(errors == 0);
    publishWhy.setText(
        errors == 0
            ? ""
            : "Fix " + errors + (errors == 1 ? " problem" : " problems") + " to publish");
    publish.setTooltipText(
        errors == 0
            ? "Publish this draft: contacts enter from now on"
            : "Publishing needs every problem below fixed first");
  }

  private void publish() {
    String id = journeyId;
    String xml = currentXml;
    if (id == null || xml == null) {
      return;
    }
    if (journeys.saveDiagram(id, xml) instanceof Revision.Refused refused) {
      error(refused.reason());
      return;
    }
    switch (journeys.publish(id)) {
      case PublishResult.Published published -> {
        drafts.published(id, published.version(), xml, user());
        Notification.show(
            "Published as version " + published.version() + ": contacts enter from now on.");
        getUI().ifPresent(ui -> ui.navigate("journeys/" + id));
      }
      case PublishResult.Rejected rejected -> {
        validated =
            rejected.problems().stream()
                .map(problem -> new DesignProblem(problem.elementId(), problem.message(), true))
                .toList();
        showProblems();
        error("Not published: fix the problems listed below the canvas.");
      }
      case PublishResult.NotFound notFound -> error("This journey no longer exists.");
    }
  }

  /** Tests the journey as it is on the canvas: the draft, also of a journey that runs already. */
  private void testRun() {
    String id = journeyId;
    String xml = currentXml;
    if (id == null || xml == null) {
      return;
    }
    JourneyDetail journey = journeys.find(id).orElseThrow();
    JourneyDetail drawn = new JourneyDetail(journey.summary(), xml, names);
    new TestRunDialog(drawn, xml, testRuns, contacts, deliveries, json).open();
  }

  private void openHistory() {
    String id = journeyId;
    if (id != null) {
      new VersionHistoryDialog(
              id,
              drafts,
              restored -> {
                drafts.save(id, restored, user());
                open(restored, "Restored as the draft");
                Notification.show("The older version is now the draft; publish it to run it.");
              })
          .open();
    }
  }

  private void rememberNames(String xml) {
    Matcher matcher = NAMES.matcher(xml);
    while (matcher.find()) {
      names.put(matcher.group(1), matcher.group(2).isBlank() ? matcher.group(1) : matcher.group(2));
    }
  }

  private String user() {
    return authentication.getPrincipalName().orElse("console");
  }

  private static Button toolbarButton(String label, VaadinIcon icon, Runnable action) {
    Button button = new Button(label, icon.create(), click -> action.run());
    button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
    return button;
  }

  private static void error(String message) {
    Notification failed = Notification.show(message, 8_000, Notification.Position.MIDDLE);
    failed.addThemeVariants(NotificationVariant.LUMO_ERROR);
  }
}
