package dev.cairn.ui.console;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.cairn.channels.email.TestEmailResult;
import dev.cairn.channels.email.TestEmails;
import dev.cairn.channels.recommendation.ProductRecommendations;
import dev.cairn.channels.template.EditableTemplate;
import dev.cairn.channels.template.MergeFields;
import dev.cairn.channels.template.RenderedEmail;
import dev.cairn.channels.template.TemplateDefect;
import dev.cairn.channels.template.TemplateLibrary;
import dev.cairn.channels.template.TemplateLocale;
import dev.cairn.channels.template.TemplateOrigin;
import dev.cairn.channels.template.TemplateProblem;
import dev.cairn.channels.template.TemplateSave;
import dev.cairn.channels.template.Templates;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.ContactSummary;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.contact.EmailAddress;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One email template: its Liquid source, checked as the marketer types (line and column of the
 * first error), a live preview as a chosen contact at desktop or phone width, Save (never a broken
 * template), Reset to default, and a test sent to any address. Each translation of the template
 * ({@code ?locale=fr}) is edited here the same way; the preview as a contact shows the translation
 * that contact would get.
 */
@Route("templates/:name")
@PageTitle("Template · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class TemplateEditorView extends VerticalLayout implements BeforeEnterObserver {

  private static final int TYPING_PAUSE_MILLIS = 400;
  private static final String RECOMMENDATIONS = "recommendations";
  private static final String DESKTOP_WIDTH = "100%";
  private static final String MOBILE_WIDTH = "375px";
  private static final Pattern EVENT_FIELD = Pattern.compile("\\bevent\\.([A-Za-z_][A-Za-z0-9_]*)");
  private static final String LAYOUT_SAMPLE =
      "<h1>Every email's content goes here</h1><p>The layout frames each template: header, card, footer with the unsubscribe"
          + " link.</p><p><a class=\"button\" href=\"https://example.com\">A button</a></p>";

  private final Templates templates;
  private final TemplateLibrary library;
  private final Contacts contacts;
  private final TestEmails testEmails;
  private final JsonMapper json;
  private final ProductRecommendations recommendations;

  private final H2 title = new H2();
  private final Span origin = new Span();
  private final Span changed = new Span();
  private final TextArea source = new TextArea();
  private final Div problem = new Div();
  private final ComboBox<ContactSummary> contact = new ComboBox<>("Preview as");
  private final TextArea event = new TextArea("Sample event properties (JSON)");
  private final Span eventProblem = new Span();
  private final IFrame preview = new IFrame();
  private final TextField testTo = new TextField("Send a test to");
  private final TextField subject = new TextField("Subject");
  private final Button save = new Button("Save");
  private final Button reset = new Button("Reset to default");
  private final Button sendTest = new Button("Send test", VaadinIcon.PAPERPLANE.create());
  private final Select<String> translation = new Select<>();
  private final Button addTranslation = new Button("Add translation", VaadinIcon.PLUS.create());
  private final Button deleteTranslation = new Button("Delete translation");
  private final Span previewNote = new Span();

  private String name = "";
  private @Nullable TemplateLocale locale;
  private List<TemplateLocale> translations = List.of();
  private boolean contactChosen;
  private String savedSource = "";
  private ContactProfile previewContact = SampleContact.PROFILE;
  private @Nullable String previewHtml;
  private @Nullable String previewSubject;
  private @Nullable Notification refusal;

  public TemplateEditorView(
      Templates templates,
      TemplateLibrary library,
      Contacts contacts,
      TestEmails testEmails,
      JsonMapper json,
      ProductRecommendations recommendations) {
    this.recommendations = recommendations;
    this.templates = templates;
    this.library = library;
    this.contacts = contacts;
    this.testEmails = testEmails;
    this.json = json;
    setSizeFull();
    add(header(), editorAndPreview());
  }

  @Override
  public void beforeEnter(BeforeEnterEvent enter) {
    name = enter.getRouteParameters().get("name").orElse("");
    locale =
        enter
            .getLocation()
            .getQueryParameters()
            .getSingleParameter("locale")
            .flatMap(TemplateLocale::parse)
            .orElse(null);
    EditableTemplate base = library.open(name).orElseThrow(NotFoundException::new);
    Optional<EditableTemplate> template = library.open(name, locale);
    showTranslations();
    if (template.isPresent()) {
      source.setValue(template.get().source());
      show(template.get());
    } else {
      // A translation not written yet: start from the default, to translate it line by line.
      source.setValue(base.source());
      show(base);
      savedSource = "";
      origin.setText("New translation");
      changed.setText(
          "not saved yet: "
              + Objects.requireNonNull(locale).label()
              + " contacts get the default until it is");
      reset.setVisible(false);
      deleteTranslation.setVisible(false);
    }
    event.setValue(sampleEvent(source.getValue()));
    subject.setValue(isLayout() ? "Layout preview" : subjectFor(name));
    refresh();
  }

  private HorizontalLayout header() {
    Button back =
        new Button(
            "Templates",
            VaadinIcon.ARROW_LEFT.create(),
            click -> getUI().ifPresent(ui -> ui.navigate(TemplatesView.class)));
    back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    title.getStyle().set("margin", "0");
    title.addClassName("template-title");
    origin.addClassName("template-origin");
    changed
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    translation.addClassName("template-translation");
    translation.setAriaLabel("Translation");
    translation.setItemLabelGenerator(
        tag -> tag.isEmpty() ? "Default" : new TemplateLocale(tag).label());
    translation.setWidth("14rem");
    translation.addValueChangeListener(
        change -> {
          if (change.isFromClient() && change.getValue() != null) {
            openTranslation(change.getValue());
          }
        });
    addTranslation.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    addTranslation.addClassName("template-add-translation");
    addTranslation.addClickListener(click -> askForTranslation());
    HorizontalLayout name =
        new HorizontalLayout(back, title, origin, changed, translation, addTranslation);
    name.setAlignItems(FlexComponent.Alignment.CENTER);

    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.addClassName("template-save");
    save.addClickListener(click -> save());
    reset.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
    reset.addClassName("template-reset");
    reset.addClickListener(click -> confirmReset());
    deleteTranslation.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
    deleteTranslation.addClassName("template-delete-translation");
    deleteTranslation.addClickListener(click -> confirmReset());
    HorizontalLayout actions = new HorizontalLayout(deleteTranslation, reset, save);
    actions.setAlignItems(FlexComponent.Alignment.CENTER);

    HorizontalLayout bar = new HorizontalLayout(name, actions);
    bar.setWidthFull();
    bar.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
    bar.setAlignItems(FlexComponent.Alignment.CENTER);
    return bar;
  }

  private SplitLayout editorAndPreview() {
    source.setLabel("Liquid source");
    source.addClassName("template-source");
    source.setWidthFull();
    source.getStyle().set("flex", "1 1 auto").set("min-height", "0");
    source.setValueChangeMode(ValueChangeMode.LAZY);
    source.setValueChangeTimeout(TYPING_PAUSE_MILLIS);
    source.addValueChangeListener(change -> refresh());
    problem.addClassName("template-problem");
    problem.addClickListener(click -> revealProblem());
    Span help =
        new Span(
            "Merge tags: {{ contact.first_name }}, {{ contact.email }}, any attribute as {{ contact.<name> }}, the trigger event's"
                + " properties as {{ event.<name> }}; {% if contact.language == \"fr\" %} branches by language; {% subject %}...{% endsubject %} sets the subject; {% for product in"
                + " recommendations %} lists products bought together with the contact's; the layout places each template as {{ content }}.");
    help.getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-xs)");
    VerticalLayout code = new VerticalLayout(source, problem, help);
    code.setPadding(false);
    code.setSpacing(false);
    code.getStyle().set("gap", "var(--lumo-space-s)").set("padding-right", "var(--lumo-space-m)");
    code.setHeightFull();

    SplitLayout split = new SplitLayout(code, previewPanel());
    split.setSizeFull();
    split.setSplitterPosition(45);
    return split;
  }

  private VerticalLayout previewPanel() {
    contact.setItems(
        query ->
            contacts
                .search(query.getFilter().orElse(""), query.getOffset(), query.getLimit())
                .stream());
    contact.setItemLabelGenerator(TemplateEditorView::label);
    contact.setPlaceholder("Alex Sample (sample contact)");
    contact.setClearButtonVisible(true);
    contact.addClassName("template-contact");
    contact.setWidth("20rem");
    contact.addValueChangeListener(
        change -> {
          contactChosen = change.getValue() != null;
          previewContact =
              change.getValue() == null
                  ? SampleContact.PROFILE
                  : contacts.find(change.getValue().id()).orElse(SampleContact.PROFILE);
          refresh();
        });

    Tab desktop = new Tab(VaadinIcon.DESKTOP.create(), new Span("Desktop"));
    Tab mobile = new Tab(VaadinIcon.MOBILE.create(), new Span("Mobile"));
    Tabs widths = new Tabs(desktop, mobile);
    widths.addClassName("template-widths");
    widths.addSelectedChangeListener(
        change ->
            preview.setWidth(change.getSelectedTab() == mobile ? MOBILE_WIDTH : DESKTOP_WIDTH));
    HorizontalLayout controls = new HorizontalLayout(contact, widths);
    controls.setAlignItems(FlexComponent.Alignment.END);
    controls.setWidthFull();
    controls.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);

    event.addClassName("template-event");
    event.setWidthFull();
    event.setMaxHeight("7.5rem");
    event.setValueChangeMode(ValueChangeMode.LAZY);
    event.setValueChangeTimeout(TYPING_PAUSE_MILLIS);
    event.addValueChangeListener(change -> refresh());
    eventProblem
        .getStyle()
        .set("color", "var(--lumo-error-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    eventProblem.addClassName("template-event-problem");

    // A sandbox without allow-scripts: a template's HTML can show, never run code in the console.
    preview.setSandbox(IFrame.SandboxType.RESTRICT_ALL);
    preview.addClassName("template-preview");
    preview.setWidth(DESKTOP_WIDTH);
    preview.setHeight("100%");
    Div backdrop = new Div(preview);
    backdrop.addClassName("template-backdrop");
    backdrop.setWidthFull();
    backdrop.getStyle().set("flex", "1 1 auto").set("min-height", "420px");

    testTo.setPlaceholder("you@example.com");
    testTo.addClassName("template-test-to");
    testTo.setWidth("16rem");
    subject.addClassName("template-test-subject");
    subject.setWidth("16rem");
    sendTest.addClassName("template-send-test");
    sendTest.addClickListener(click -> sendTest());
    HorizontalLayout test = new HorizontalLayout(testTo, subject, sendTest);
    test.setAlignItems(FlexComponent.Alignment.BASELINE);
    test.setWidthFull();

    previewNote.addClassName("template-preview-note");
    previewNote
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    VerticalLayout panel =
        new VerticalLayout(controls, event, eventProblem, previewNote, backdrop, test);
    panel.setSpacing(false);
    panel.getStyle().set("gap", "var(--lumo-space-s)").set("padding-left", "var(--lumo-space-m)");
    panel.setPadding(false);
    panel.setHeightFull();
    return panel;
  }

  /**
   * Checks the source, then renders it for the chosen contact and event; runs after a typing pause.
   */
  private void refresh() {
    String text = source.getValue();
    save.setEnabled(!text.equals(savedSource));
    Optional<TemplateDefect.Unreadable> defect = templates.checkInline(key(), text);
    if (defect.isPresent()) {
      showProblem(describe(defect.get()));
      dimPreview(true);
      return;
    }
    Optional<Map<String, Object>> properties = eventProperties();
    if (properties.isEmpty()) {
      showOk();
      dimPreview(true);
      return;
    }
    // The sample contact reads the translation being edited; a real one the translation they would
    // get.
    String contactLocale =
        contactChosen ? previewContact.locale() : locale == null ? null : locale.tag();
    List<TemplateLocale> available = new ArrayList<>(translations);
    if (locale != null) {
      available.add(locale);
    }
    Optional<TemplateLocale> gets = TemplateLocale.chosenFor(contactLocale, available);
    boolean editing = gets.equals(Optional.ofNullable(locale));
    previewNote.setText(
        editing
            ? ""
            : previewContact.displayName()
                + " ("
                + (contactLocale == null ? "no locale" : contactLocale)
                + ") gets "
                + gets.map(other -> "the " + other.label() + " translation").orElse("the default")
                + ", shown here as saved; you are editing "
                + (locale == null ? "the default" : "the " + locale.label() + " translation")
                + ".");
    Map<String, Object> fields =
        MergeFields.of(
            withLocale(previewContact, contactLocale),
            Map.of("trigger", Map.of("properties", properties.get())));
    fields.put("subject", subject.getValue());
    fields.put("unsubscribe_url", "#unsubscribe");
    fields.put("preferences_url", "#preferences");
    if (text.contains(RECOMMENDATIONS)) {
      fields.put(
          RECOMMENDATIONS,
          recommendations.forContact(
              previewContact.id(),
              ProductRecommendations.productsOf(Map.of("properties", properties.get()))));
    }
    if (isLayout()) {
      fields.put("content", LAYOUT_SAMPLE);
    }
    try {
      RenderedEmail rendered =
          editing
              ? templates.preview(key(), text, fields)
              : templates.renderEmail(templates.choose(name, contactLocale), fields);
      String html = rendered.html();
      previewSubject = rendered.subject();
      showOk();
      previewHtml = html;
      preview.getElement().setAttribute("srcdoc", html);
      dimPreview(false);
    } catch (TemplateProblem failed) {
      // Parses, but fails for this contact's data (a filter given the wrong kind of value, say).
      showProblem(
          "Cannot be rendered for " + previewContact.displayName() + ": " + failed.getMessage());
      dimPreview(true);
    }
  }

  private Optional<Map<String, Object>> eventProperties() {
    eventProblem.setText("");
    String text = event.getValue();
    if (text.isBlank()) {
      return Optional.of(Map.of());
    }
    try {
      if (json.readValue(text, Object.class) instanceof Map<?, ?> map) {
        Map<String, Object> properties = new LinkedHashMap<>();
        map.forEach((key, value) -> properties.put(String.valueOf(key), value));
        return Optional.of(properties);
      }
      eventProblem.setText("The properties must be a JSON object, like {\"plan\": \"Pro\"}.");
    } catch (JacksonException e) {
      eventProblem.setText("Not valid JSON: " + e.getOriginalMessage());
    }
    return Optional.empty();
  }

  private void save() {
    switch (library.save(name, locale, source.getValue(), user())) {
      case TemplateSave.Saved saved -> {
        if (refusal != null) {
          refusal.close(); // the refusal is about an earlier version; this one is saved
        }
        Notification.show(
                "Saved: the next email that uses " + title(name) + " is sent from this version.")
            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        show(library.open(name, locale).orElseThrow());
        showTranslations();
      }
      case TemplateSave.Refused refused -> {
        showProblem(describe(refused.defect()));
        refusal = Notification.show("Not saved: " + describe(refused.defect()));
        refusal.addThemeVariants(NotificationVariant.LUMO_ERROR);
      }
    }
    refresh();
  }

  private void confirmReset() {
    ConfirmDialog confirm = new ConfirmDialog();
    TemplateLocale translated = locale;
    Optional<EditableTemplate> shippedTranslation =
        translated == null
            ? Optional.empty()
            : library.open(name, translated).filter(open -> open.shippedSource() != null);
    if (translated != null && shippedTranslation.isEmpty()) {
      confirm.setHeader(
          "Delete the " + translated.label() + " translation of " + title(name) + "?");
      confirm.setText("Contacts of that locale get the default template again.");
      confirm.setCancelable(true);
      confirm.setConfirmText("Delete translation");
      confirm.setConfirmButtonTheme("error primary");
      confirm.addConfirmListener(
          yes -> {
            library.resetToShipped(name, translated);
            Notification.show(
                "Deleted: " + translated.label() + " contacts get the default template.");
            closeThenOpen(confirm, "");
          });
      confirm.open();
      return;
    }
    confirm.setHeader("Reset " + title(name) + " to the default?");
    confirm.setText(
        "Your changes are deleted and the template Cairn ships is used again, by every journey that names it.");
    confirm.setCancelable(true);
    confirm.setConfirmText("Reset to default");
    confirm.setConfirmButtonTheme("error primary");
    confirm.addConfirmListener(
        yes -> {
          if (translated == null) {
            library.resetToShipped(name);
          } else {
            library.resetToShipped(name, translated);
          }
          EditableTemplate shipped = library.open(name, translated).orElseThrow();
          source.setValue(shipped.source());
          show(shipped);
          refresh();
          Notification.show("Reset: the default template is used again.");
        });
    confirm.open();
  }

  private void sendTest() {
    Optional<EmailAddress> to = EmailAddress.parse(testTo.getValue());
    testTo.setInvalid(to.isEmpty());
    testTo.setErrorMessage("Type the email address to send the test to.");
    String html = previewHtml;
    if (to.isEmpty()
        || html == null
        || "error".equals(problem.getElement().getAttribute("data-state"))) {
      if (to.isPresent()) {
        Notification.show("Fix the template first: a test is sent as previewed.")
            .addThemeVariants(NotificationVariant.LUMO_ERROR);
      }
      return;
    }
    String testSubject =
        previewSubject != null
            ? previewSubject
            : subject.getValue().isBlank() ? subjectFor(name) : subject.getValue();
    switch (testEmails.send(to.get(), testSubject, html, user())) {
      case TestEmailResult.Sent sent ->
          Notification.show("Test sent to " + to.get().value() + ".")
              .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
      case TestEmailResult.InOutbox held ->
          Notification.show(
              "No SMTP server is configured: the test is in the Outbox, marked as a test.");
      case TestEmailResult.NotSent failed ->
          Notification.show("The test was not sent: " + failed.reason())
              .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }

  private void show(EditableTemplate template) {
    savedSource = template.source();
    title.setText(
        (template.summary().layout() ? "Layout" : name)
            + (locale == null ? "" : " · " + locale.label()));
    origin.getElement().getThemeList().clear();
    origin.getElement().getThemeList().add("badge");
    origin
        .getElement()
        .getThemeList()
        .add(template.summary().origin() == TemplateOrigin.SHIPPED ? "contrast" : "success");
    origin.setText(TemplatesView.origin(template.summary()).getText());
    changed.setText(
        template.summary().updatedAt() == null
            ? "as shipped with Cairn"
            : "saved "
                + Formats.ago(template.summary().updatedAt())
                + " by "
                + template.summary().updatedBy());
    reset.setEnabled(template.summary().origin() == TemplateOrigin.EDITED);
    reset.setVisible(template.shippedSource() != null);
    deleteTranslation.setVisible(
        locale != null && template.summary().origin() == TemplateOrigin.ADDED);
    save.setEnabled(false);
  }

  private void showProblem(String text) {
    problem.setText(text);
    problem.getElement().setAttribute("data-state", "error");
    problem.getElement().setAttribute("title", "Show me where");
  }

  private void showOk() {
    problem.setText("No Liquid errors");
    problem.getElement().setAttribute("data-state", "ok");
    problem.getElement().removeAttribute("title");
  }

  private void dimPreview(boolean stale) {
    preview.getStyle().set("opacity", stale ? "0.45" : "1");
  }

  /** Puts the caret where the error is, so the marketer need not count lines. */
  private void revealProblem() {
    Optional<TemplateDefect.Unreadable> defect = templates.checkInline(key(), source.getValue());
    if (defect.isEmpty() || defect.get().line() == null) {
      return;
    }
    int offset =
        offsetOf(
            source.getValue(),
            defect.get().line(),
            defect.get().column() == null ? 1 : defect.get().column());
    source
        .getElement()
        .executeJs(
            "const area = this.querySelector('textarea'); area.focus(); area.setSelectionRange($0, $0 + 1);"
                + " area.scrollTop = Math.max(0, ($1 - 3) * parseFloat(getComputedStyle(area).lineHeight));",
            offset,
            defect.get().line());
  }

  static int offsetOf(String text, int line, int column) {
    int offset = 0;
    for (int current = 1; current < line; current++) {
      int next = text.indexOf('\n', offset);
      if (next < 0) {
        return text.length();
      }
      offset = next + 1;
    }
    return Math.min(text.length(), offset + column - 1);
  }

  static String describe(TemplateDefect.Unreadable defect) {
    String where =
        defect.line() == null
            ? ""
            : "Line "
                + defect.line()
                + (defect.column() == null ? "" : ", column " + defect.column())
                + ": ";
    String hint =
        defect.reason().contains("<EOF>")
            ? " (is an {% endif %}, {% endfor %} or }} missing?)"
            : "";
    return where + defect.reason() + hint;
  }

  static String where(TemplateDefect.Unreadable defect) {
    return defect.line() == null
        ? ""
        : " at line "
            + defect.line()
            + (defect.column() == null ? "" : ", column " + defect.column());
  }

  /** Event properties the template uses, with sample values, so the first preview is complete. */
  static String sampleEvent(String source) {
    Map<String, Object> sample = new LinkedHashMap<>();
    Matcher field = EVENT_FIELD.matcher(source);
    while (field.find()) {
      String key = field.group(1);
      sample.putIfAbsent(
          key,
          switch (key) {
            case "price", "revenue", "total", "amount" -> 49.9;
            case "url", "link", "cart_url" -> "https://example.com/cart";
            case "plan" -> "Pro";
            default -> "sample " + key.replace('_', ' ');
          });
    }
    if (sample.isEmpty()) {
      return "{}";
    }
    StringBuilder out = new StringBuilder("{\n");
    sample.forEach(
        (key, value) ->
            out.append("  \"")
                .append(key)
                .append("\": ")
                .append(value instanceof String text ? "\"" + text + "\"" : value)
                .append(",\n"));
    out.setLength(out.length() - 2);
    return out.append("\n}").toString();
  }

  /**
   * The name the open source is saved under: {@code welcome}, or {@code welcome.fr} for a
   * translation.
   */
  private String key() {
    return locale == null ? name : name + "." + locale.tag();
  }

  private void showTranslations() {
    translations = library.translations(name);
    List<String> items = new ArrayList<>();
    items.add("");
    translations.forEach(each -> items.add(each.tag()));
    if (locale != null && !translations.contains(locale)) {
      items.add(locale.tag());
    }
    translation.setItems(items);
    translation.setValue(locale == null ? "" : locale.tag());
  }

  private void openTranslation(String tag) {
    QueryParameters query =
        tag.isEmpty() ? QueryParameters.empty() : QueryParameters.of("locale", tag);
    getUI()
        .ifPresent(
            ui -> ui.navigate(TemplateEditorView.class, new RouteParameters("name", name), query));
  }

  /**
   * Removes the dialog before navigating: a modal dialog still attached when the view changes would
   * keep the UI modal, and the editor would ignore every edit.
   */
  private void closeThenOpen(Component dialog, String tag) {
    dialog.removeFromParent();
    openTranslation(tag);
  }

  private void askForTranslation() {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Add a translation of " + title(name));
    TextField tag = new TextField("Language tag");
    tag.addClassName("template-translation-tag");
    tag.setPlaceholder("fr, fr-CA, de");
    tag.setHelperText("Contacts whose locale is fr-CA get fr-CA, else fr, else the default.");
    tag.setWidthFull();
    Button add =
        new Button(
            "Add",
            click -> {
              Optional<TemplateLocale> parsed = TemplateLocale.parse(tag.getValue());
              tag.setInvalid(parsed.isEmpty());
              tag.setErrorMessage(
                  "\""
                      + tag.getValue()
                      + "\" is not a language tag; use one such as fr, fr-CA or de.");
              parsed.ifPresent(
                  chosen -> {
                    closeThenOpen(dialog, chosen.tag());
                  });
            });
    add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    add.addClassName("template-translation-add");
    dialog.add(tag);
    dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), add);
    dialog.open();
    tag.focus();
  }

  private static ContactProfile withLocale(ContactProfile contact, @Nullable String locale) {
    return new ContactProfile(
        contact.id(),
        contact.externalId(),
        contact.anonymousId(),
        contact.email(),
        contact.phone(),
        contact.firstName(),
        contact.lastName(),
        contact.timeZone(),
        locale,
        contact.traits(),
        contact.createdAt(),
        contact.updatedAt(),
        contact.lastSeenAt());
  }

  private boolean isLayout() {
    return name.equals(Templates.LAYOUT);
  }

  private static String title(String name) {
    return name.equals(Templates.LAYOUT) ? "the layout" : "\"" + name + "\"";
  }

  /** "first-order-nudge" becomes "First order nudge": a subject to start from. */
  private static String subjectFor(String name) {
    String words = name.replace('-', ' ').replace('_', ' ').strip();
    return words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String user() {
    var signedIn = SecurityContextHolder.getContext().getAuthentication();
    return signedIn == null ? "console" : signedIn.getName();
  }

  private static String label(ContactSummary contact) {
    String who = contact.name().isBlank() ? "" : contact.name() + " ";
    String address =
        contact.email() != null
            ? contact.email()
            : contact.externalId() != null ? contact.externalId() : contact.id().toString();
    return who.isEmpty() ? address : who + "(" + address + ")";
  }
}
