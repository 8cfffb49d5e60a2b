package dev.cairn.ui.designer;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.cairn.channels.sms.SmsLinks;
import dev.cairn.channels.template.MergeFields;
import dev.cairn.channels.template.RenderedEmail;
import dev.cairn.channels.template.Templates;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.ContactSummary;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.language.Branch;
import dev.cairn.engine.journey.language.Entry;
import dev.cairn.engine.journey.language.Goal;
import dev.cairn.engine.journey.language.Split;
import dev.cairn.engine.journey.language.WaitForEvent;
import dev.cairn.engine.journey.language.WaitUntil;
import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.segment.SegmentRule;
import dev.cairn.engine.segment.SegmentSummary;
import dev.cairn.ui.console.BuilderChoices;
import dev.cairn.ui.console.GroupEditor;
import dev.cairn.ui.console.SampleContact;
import dev.cairn.ui.console.SmsLengthPanel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The selected node's settings in a marketer's words: no ISO durations, no JSON, no FEEL. Every
 * edit goes to the canvas as a settings change, so it undoes like a drawing change.
 */
final class PropertiesPanel extends VerticalLayout {

  /** Where the server's services come in. */
  record Services(
      Templates templates,
      SmsLinks smsLinks,
      Contacts contacts,
      JsonMapper json,
      BuilderChoices choices) {}

  private static final Pattern SHARE_IN_NAME = Pattern.compile(" · \\d+%$");

  private final JourneyDesigner designer;
  private final Services services;
  private @Nullable ElementSettings shown;
  private ContactProfile previewContact = SampleContact.PROFILE;

  PropertiesPanel(JourneyDesigner designer, Services services) {
    this.designer = designer;
    this.services = services;
    addClassName("designer-properties");
    setPadding(true);
    setSpacing(false);
    getStyle().set("gap", "var(--lumo-space-s)").set("overflow", "auto");
  }

  /**
   * Shows the element's settings; an echo of the panel's own change keeps the fields as they are.
   */
  void show(ElementSettings settings) {
    boolean echo =
        settings.fromPanel()
            && shown != null
            && shown.id().equals(settings.id())
            && settings.focus() == null;
    shown = settings;
    if (echo) {
      return;
    }
    removeAll();
    switch (settings.kind()) {
      case "journey" -> journey(settings);
      case "entry" -> entry(settings);
      case "email" -> email(settings);
      case "sms" -> sms(settings);
      case "wait" -> waitFor(settings);
      case "wait-until" -> waitUntil(settings);
      case "wait-for-event" -> waitForEvent(settings);
      case "event" -> event(settings);
      case "branch" -> branch(settings);
      case "split" -> split(settings);
      case "path" -> path(settings);
      case "update-contact" -> updateContact(settings);
      case "list" -> list(settings);
      case "webhook" -> webhook(settings);
      case "notify" -> notifyTeam(settings);
      case "end" -> end(settings);
      default -> {
        heading("Step", settings);
        add(new Paragraph("Cairn has no settings for this element; it was drawn elsewhere."));
      }
    }
  }

  private void journey(ElementSettings s) {
    add(new H3("Journey"));
    TextField name =
        text("Name", s.nameOrEmpty(), value -> apply(null, SettingsChange.create().name(value)));
    name.addClassName("journey-name");
    ComboBox<String> goal =
        eventPicker(
            "Goal: the event that counts as a conversion",
            s.property(Goal.GOAL_EVENT),
            picked -> apply(null, SettingsChange.create().property(Goal.GOAL_EVENT, picked)));
    goal.setHelperText(
        "A contact who sends it leaves the journey, counted as converted, wherever they are.");
    goal.addClassName("journey-goal");
    TextField exits =
        text(
            "Leave the journey when they send",
            s.property(Goal.EXIT_ON),
            value -> apply(null, SettingsChange.create().property(Goal.EXIT_ON, value)));
    exits.setHelperText("Events separated by commas, e.g. Email Unsubscribed, SMS Unsubscribed.");
    exits.addClassName("journey-exits");
    add(name, goal, exits);
    if ("goal".equals(s.focus())) {
      goal.focus();
    } else if ("exit".equals(s.focus())) {
      exits.focus();
    }
  }

  private enum EntryKind {
    EVENT("When an event is tracked"),
    SEGMENT("When they enter a segment"),
    ADDED("When they are added or imported"),
    SCHEDULE("On a schedule"),
    API("Only when the API starts them");

    private final String label;

    EntryKind(String label) {
      this.label = label;
    }
  }

  private void entry(ElementSettings s) {
    heading("Entry", s);
    String trigger = s.property(Entry.TRIGGER_EVENT);
    EntryKind kind =
        s.property(Entry.TRIGGER_SCHEDULE) != null
            ? EntryKind.SCHEDULE
            : trigger == null
                ? EntryKind.API
                : trigger.equals("Segment Entered")
                    ? EntryKind.SEGMENT
                    : trigger.equals("Contact Added") || trigger.equals("Contact Imported")
                        ? EntryKind.ADDED
                        : EntryKind.EVENT;
    Select<EntryKind> how = new Select<>();
    how.setLabel("Contacts enter");
    how.setItems(EntryKind.values());
    how.setItemLabelGenerator(k -> k.label);
    how.setValue(kind);
    how.addClassName("entry-kind");
    how.setWidthFull();
    Div details = new Div();
    details.setWidthFull();
    how.addValueChangeListener(
        change -> {
          if (change.isFromClient()) {
            SettingsChange c =
                SettingsChange.create()
                    .property(Entry.TRIGGER_SCHEDULE, null)
                    .property(Entry.TRIGGER_SEGMENT, null)
                    .property(Entry.TRIGGER_WHERE, null);
            switch (change.getValue()) {
              case EVENT -> {
                if (trigger != null && !trigger.isBlank() && kind == EntryKind.EVENT) {
                  c.property(Entry.TRIGGER_EVENT, trigger);
                } else {
                  c.emptyProperty(Entry.TRIGGER_EVENT);
                }
              }
              case SEGMENT -> c.property(Entry.TRIGGER_EVENT, "Segment Entered");
              case ADDED -> c.property(Entry.TRIGGER_EVENT, "Contact Added");
              case SCHEDULE, API -> c.property(Entry.TRIGGER_EVENT, null);
            }
            if (change.getValue() == EntryKind.SCHEDULE) {
              c.property(Entry.TRIGGER_SCHEDULE, "0 9 * * MON");
            }
            apply(s.id(), c);
            details.removeAll();
            entryDetails(details, change.getValue(), s);
          }
        });
    add(how, details);
    entryDetails(details, kind, s);
    Select<String> reEntry = new Select<>();
    reEntry.setLabel("Who may enter again");
    reEntry.setItems("once", "one-at-a-time", "every-time");
    reEntry.setItemLabelGenerator(
        value ->
            switch (value) {
              case "once" -> "Nobody: each contact enters once";
              case "every-time" -> "Everyone, every time, even while inside";
              default -> "Those who have left the journey";
            });
    reEntry.setValue(Optional.ofNullable(s.property(Entry.RE_ENTRY)).orElse("one-at-a-time"));
    reEntry.addValueChangeListener(
        change -> {
          if (change.isFromClient()) {
            apply(s.id(), SettingsChange.create().property(Entry.RE_ENTRY, change.getValue()));
          }
        });
    reEntry.setWidthFull();
    DurationField gap = new DurationField("…but not sooner than after");
    gap.setValue(Optional.ofNullable(s.property(Entry.RE_ENTRY_GAP)).orElse(""));
    gap.addValueChangeListener(
        change ->
            apply(s.id(), SettingsChange.create().property(Entry.RE_ENTRY_GAP, change.getValue())));
    add(reEntry, gap);
  }

  private void entryDetails(Div details, EntryKind kind, ElementSettings s) {
    switch (kind) {
      case EVENT -> {
        ComboBox<String> event =
            eventPicker(
                "Event",
                s.property(Entry.TRIGGER_EVENT),
                picked -> {
                  // Cleared, it stays an event entry waiting for its event (the check says so), not
                  // an API one.
                  SettingsChange c =
                      picked == null
                          ? SettingsChange.create().emptyProperty(Entry.TRIGGER_EVENT)
                          : SettingsChange.create().property(Entry.TRIGGER_EVENT, picked);
                  if (picked != null && isDefaultName(s.nameOrEmpty(), "Entry")) {
                    c.name(picked);
                  }
                  apply(s.id(), c);
                });
        event.addClassName("entry-event");
        TextField where =
            text(
                "Only events with",
                s.property(Entry.TRIGGER_WHERE),
                value ->
                    apply(s.id(), SettingsChange.create().property(Entry.TRIGGER_WHERE, value)));
        where.setHelperText("property=value, separated by commas; empty: every such event.");
        details.add(event, where);
      }
      case SEGMENT -> {
        Select<SegmentSummary> segment =
            segmentPicker("Segment", whereValue(s.property(Entry.TRIGGER_WHERE), "segment_id"));
        segment.addValueChangeListener(
            change -> {
              if (change.isFromClient() && change.getValue() != null) {
                apply(
                    s.id(),
                    SettingsChange.create()
                        .property(Entry.TRIGGER_WHERE, "segment_id=" + change.getValue().id()));
              }
            });
        details.add(segment);
      }
      case ADDED -> {
        Select<String> how = new Select<>();
        how.setLabel("When they are");
        how.setItems("Contact Added", "Contact Imported");
        how.setItemLabelGenerator(
            v ->
                v.equals("Contact Added")
                    ? "added (form, API or console)"
                    : "imported from a file");
        how.setValue(
            "Contact Imported".equals(s.property(Entry.TRIGGER_EVENT))
                ? "Contact Imported"
                : "Contact Added");
        how.addValueChangeListener(
            change -> {
              if (change.isFromClient()) {
                apply(
                    s.id(),
                    SettingsChange.create().property(Entry.TRIGGER_EVENT, change.getValue()));
              }
            });
        details.add(how);
      }
      case SCHEDULE -> {
        TextField cron =
            text(
                "Schedule",
                s.property(Entry.TRIGGER_SCHEDULE),
                value ->
                    apply(s.id(), SettingsChange.create().property(Entry.TRIGGER_SCHEDULE, value)));
        cron.setHelperText(
            "minute hour day month weekday, in each contact's time zone: 0 9 * * MON is Mondays at 9:00.");
        Select<SegmentSummary> audience =
            segmentPicker("Who enters (empty: everyone)", s.property(Entry.TRIGGER_SEGMENT));
        audience.setEmptySelectionAllowed(true);
        audience.addValueChangeListener(
            change -> {
              if (change.isFromClient()) {
                apply(
                    s.id(),
                    SettingsChange.create()
                        .property(
                            Entry.TRIGGER_SEGMENT,
                            change.getValue() == null ? null : change.getValue().id()));
              }
            });
        details.add(cron, audience);
      }
      case API ->
          details.add(
              new Paragraph(
                  "Contacts enter when your system calls POST /api/journeys/<id>/entries."));
    }
  }

  private void email(ElementSettings s) {
    heading("Send email", s);
    ComboBox<String> template = new ComboBox<>("Template");
    template.setItems(
        services.templates().names().stream().filter(name -> !name.startsWith("_")).toList());
    template.setValue(s.header("template"));
    template.setWidthFull();
    template.addClassName("email-template");
    Anchor edit =
        new Anchor(
            s.header("template") == null ? "templates" : "templates/" + s.header("template"),
            "Edit the template");
    edit.setTarget("_blank");
    TextField subject =
        text(
            "Subject",
            s.header("subject"),
            value -> apply(s.id(), SettingsChange.create().header("subject", value)));
    subject.addClassName("email-subject");
    subject.setHelperText("Liquid, e.g. {{ contact.first_name }}, your cart is waiting");
    TextField topic =
        text(
            "Topic (contacts who opted out of it are skipped)",
            s.header("topic"),
            value -> apply(s.id(), SettingsChange.create().header("topic", value)));
    IFrame preview = new IFrame();
    preview.setSandbox(IFrame.SandboxType.RESTRICT_ALL);
    preview.setWidthFull();
    preview.setHeight("320px");
    preview.addClassName("email-preview");
    preview
        .getStyle()
        .set("border", "1px solid var(--lumo-contrast-10pct)")
        .set("background", "white");
    ComboBox<ContactSummary> as = new ComboBox<>("Preview as");
    as.setItems(
        query ->
            services
                .contacts()
                .search(query.getFilter().orElse(""), query.getOffset(), query.getLimit())
                .stream());
    as.setItemLabelGenerator(c -> c.email() == null ? String.valueOf(c.id()) : c.email());
    as.setPlaceholder("Alex Sample (sample contact)");
    as.setClearButtonVisible(true);
    as.setWidthFull();
    Span previewNote = new Span();
    previewNote
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    Runnable render =
        () -> renderEmail(template.getValue(), subject.getValue(), preview, previewNote);
    as.addValueChangeListener(
        change -> {
          previewContact =
              change.getValue() == null
                  ? SampleContact.PROFILE
                  : services.contacts().find(change.getValue().id()).orElse(SampleContact.PROFILE);
          render.run();
        });
    template.addValueChangeListener(
        change -> {
          if (change.isFromClient()) {
            SettingsChange c = SettingsChange.create().header("template", change.getValue());
            if (change.getValue() != null && isDefaultName(s.nameOrEmpty(), "Send email")) {
              c.name("Send " + change.getValue().replace('-', ' '));
            }
            apply(s.id(), c);
            edit.setHref(
                change.getValue() == null ? "templates" : "templates/" + change.getValue());
          }
          render.run();
        });
    subject.addValueChangeListener(change -> render.run());
    add(template, edit, subject, topic, as, previewNote, preview);
    render.run();
  }

  private void renderEmail(@Nullable String template, String subject, IFrame preview, Span note) {
    if (template == null || !services.templates().exists(template)) {
      note.setText("Pick a template to see the email.");
      preview.getElement().setAttribute("srcdoc", "");
      return;
    }
    try {
      Map<String, Object> fields = MergeFields.of(previewContact, Map.of());
      RenderedEmail email =
          services
              .templates()
              .renderEmail(services.templates().choose(template, previewContact.locale()), fields);
      String shownSubject =
          subject.isBlank()
              ? email.subject()
              : services.templates().renderInline("subject", subject, fields);
      note.setText(
          previewContact.displayName()
              + " gets: "
              + (shownSubject == null ? "(no subject)" : shownSubject));
      preview.getElement().setAttribute("srcdoc", email.html());
    } catch (RuntimeException problem) {
      note.setText("The template does not render: " + problem.getMessage());
      preview.getElement().setAttribute("srcdoc", "");
    }
  }

  private void sms(ElementSettings s) {
    heading("Send SMS", s);
    SmsLengthPanel length = new SmsLengthPanel(services.templates(), services.smsLinks());
    length.bind(
        "Text",
        Optional.ofNullable(s.header("text")).orElse(""),
        value -> apply(s.id(), SettingsChange.create().header("text", value)));
    length.addClassName("sms-step-text");
    Checkbox shorten =
        new Checkbox("Shorten and track web links", !"false".equals(s.header("shorten-links")));
    shorten.addValueChangeListener(
        change -> {
          if (change.isFromClient()) {
            apply(
                s.id(),
                SettingsChange.create()
                    .header("shorten-links", change.getValue() ? null : "false"));
          }
        });
    add(length, shorten, new Paragraph("Only contacts who agreed to texts get it."));
  }

  private void waitFor(ElementSettings s) {
    heading("Wait", s);
    DurationField duration = new DurationField("Wait for");
    duration.addClassName("wait-duration");
    duration.setValue(Optional.ofNullable(s.timer()).orElse(""));
    duration.addValueChangeListener(
        change -> {
          if (!change.getValue().isBlank()) {
            SettingsChange c = SettingsChange.create().timer(change.getValue());
            if (isDefaultName(s.nameOrEmpty(), "Wait")
                || s.nameOrEmpty().startsWith("No event in")) {
              c.name(
                  s.nameOrEmpty().startsWith("No event in")
                      ? "No event in " + DurationWords.waitName(change.getValue()).substring(5)
                      : DurationWords.waitName(change.getValue()));
            }
            apply(s.id(), c);
          }
        });
    add(duration);
  }

  private void waitUntil(ElementSettings s) {
    heading("Wait until", s);
    TextField until =
        text(
            "Until",
            s.property(WaitUntil.UNTIL),
            value -> apply(s.id(), SettingsChange.create().property(WaitUntil.UNTIL, value)));
    until.setHelperText(
        "09:00 (the next 9 o'clock in the contact's zone), 09:00 on MON,FRI, anniversary of birthday, or date in renewal_date.");
    DurationField offset = new DurationField("How long before the date (for a date)");
    String stored = s.property(WaitUntil.OFFSET);
    offset.setValue(stored == null ? "" : stored.replace("-", ""));
    Checkbox after =
        new Checkbox("after the date instead", stored != null && !stored.startsWith("-"));
    Runnable applyOffset =
        () ->
            apply(
                s.id(),
                SettingsChange.create()
                    .property(
                        WaitUntil.OFFSET,
                        offset.getValue().isBlank()
                            ? null
                            : (after.getValue() ? "" : "-") + offset.getValue()));
    offset.addValueChangeListener(change -> applyOffset.run());
    after.addValueChangeListener(
        change -> {
          if (change.isFromClient()) {
            applyOffset.run();
          }
        });
    TextField at =
        text(
            "At (time of day, for a date)",
            s.property(WaitUntil.AT),
            value -> apply(s.id(), SettingsChange.create().property(WaitUntil.AT, value)));
    at.setPlaceholder("09:00");
    add(until, offset, after, at);
  }

  private void waitForEvent(ElementSettings s) {
    heading("Wait for event", s);
    Optional<ElementSettings> happened =
        s.paths().stream().filter(p -> "event".equals(p.kind())).findFirst();
    Optional<ElementSettings> timeout =
        s.paths().stream().filter(p -> "wait".equals(p.kind())).findFirst();
    if (happened.isPresent()) {
      ElementSettings e = happened.get();
      ComboBox<String> event =
          eventPicker(
              "Event",
              e.message(),
              picked -> {
                if (picked != null) {
                  apply(e.id(), SettingsChange.create().message(picked).name(picked));
                  if (isDefaultName(s.nameOrEmpty(), "Wait for event")) {
                    apply(s.id(), SettingsChange.create().name("Wait for " + picked));
                  }
                }
              });
      event.addClassName("wait-event");
      TextField where =
          text(
              "Only events with",
              e.property(WaitForEvent.EVENT_WHERE),
              value ->
                  apply(e.id(), SettingsChange.create().property(WaitForEvent.EVENT_WHERE, value)));
      where.setHelperText("property=value, separated by commas; empty: any such event.");
      add(event, where);
    } else {
      add(new Paragraph("Add the event to wait for: a path to an \"Event happened\" node."));
    }
    if (timeout.isPresent()) {
      ElementSettings t = timeout.get();
      DurationField duration = new DurationField("…for at most");
      duration.addClassName("wait-timeout");
      duration.setValue(Optional.ofNullable(t.timer()).orElse(""));
      duration.addValueChangeListener(
          change -> {
            if (!change.getValue().isBlank()) {
              apply(
                  t.id(),
                  SettingsChange.create()
                      .timer(change.getValue())
                      .name(
                          "No event in " + DurationWords.waitName(change.getValue()).substring(5)));
            }
          });
      add(duration, new Paragraph("Contacts who do not send it by then go the timeout's way."));
    } else {
      Paragraph missing =
          new Paragraph(
              "No timeout: contacts who never send the event wait for ever. Add a Wait after this node as the timeout.");
      missing.getStyle().set("color", "var(--lumo-error-text-color)");
      add(missing);
    }
  }

  private void event(ElementSettings s) {
    heading("Event happened", s);
    ComboBox<String> event =
        eventPicker(
            "Event",
            s.message(),
            picked -> {
              if (picked != null) {
                apply(s.id(), SettingsChange.create().message(picked).name(picked));
              }
            });
    event.addClassName("wait-event");
    TextField where =
        text(
            "Only events with",
            s.property(WaitForEvent.EVENT_WHERE),
            value ->
                apply(s.id(), SettingsChange.create().property(WaitForEvent.EVENT_WHERE, value)));
    add(event, where);
  }

  private void branch(ElementSettings s) {
    heading("Branch", s);
    add(
        new Paragraph(
            "Contacts take the first path whose condition they match; the path marked for everyone else takes the rest. Click a path to set its condition."));
  }

  private void split(ElementSettings s) {
    heading("A/B split", s);
    add(
        new Paragraph(
            "Each contact gets one path at random, always the same one, by the paths' weights (they add up to 100). Click a path to set its weight."));
    boolean hasHoldout = s.paths().stream().anyMatch(path -> Boolean.TRUE.equals(path.holdout()));
    Checkbox holdout =
        new Checkbox(
            "Holdout: keep a share of contacts out, to measure what the journey changes",
            hasHoldout);
    holdout.addClassName("split-holdout");
    holdout.addValueChangeListener(
        change -> {
          if (change.isFromClient()) {
            designer.setHoldout(s.id(), change.getValue());
          }
        });
    add(holdout);
    Div shares = new Div();
    shares.addClassName("split-shares");
    shares
        .getStyle()
        .set("font-size", "var(--lumo-font-size-s)")
        .set("color", "var(--lumo-secondary-text-color)");
    int total = 0;
    for (ElementSettings path : s.paths()) {
      String weight = path.property(Split.WEIGHT);
      total += weight == null ? 0 : Optional.ofNullable(parseInt(weight)).orElse(0);
      shares.add(
          new Div(path.nameOrEmpty() + (Boolean.TRUE.equals(path.holdout()) ? " (holdout)" : "")));
    }
    if (total != 100 && !s.paths().isEmpty()) {
      Div off = new Div("The weights add up to " + total + ", not 100.");
      off.getStyle().set("color", "var(--lumo-error-text-color)");
      shares.add(off);
    }
    add(shares);
    ComboBox<String> metric =
        eventPicker(
            "Success metric: the event that counts as success",
            s.property(Split.SUCCESS_EVENT),
            picked -> apply(s.id(), SettingsChange.create().property(Split.SUCCESS_EVENT, picked)));
    metric.addClassName("split-metric");
    add(metric);
  }

  private void path(ElementSettings s) {
    String fromKind = s.from() == null ? "" : Optional.ofNullable(s.from().kind()).orElse("");
    add(
        new H3(
            "Path"
                + (s.from() == null
                    ? ""
                    : " from \"" + Optional.ofNullable(s.from().name()).orElse("") + "\"")));
    TextField label =
        text(
            "Label on the canvas",
            s.nameOrEmpty(),
            value -> apply(s.id(), SettingsChange.create().name(value)));
    label.addClassName("path-label");
    add(label);
    if (fromKind.equals("split")) {
      IntegerField weight = new IntegerField("Share of contacts (%)");
      weight.setMin(0);
      weight.setMax(100);
      weight.setStepButtonsVisible(true);
      weight.addClassName("path-weight");
      String stored = s.property(Split.WEIGHT);
      weight.setValue(stored == null ? null : parseInt(stored));
      weight.addValueChangeListener(
          change -> {
            if (change.isFromClient()) {
              SettingsChange c =
                  SettingsChange.create()
                      .property(
                          Split.WEIGHT,
                          change.getValue() == null ? null : String.valueOf(change.getValue()));
              // "A · 50%" on the canvas says the share: it follows the weight.
              if (change.getValue() != null && SHARE_IN_NAME.matcher(s.nameOrEmpty()).find()) {
                c.name(
                    SHARE_IN_NAME
                        .matcher(s.nameOrEmpty())
                        .replaceFirst(" · " + change.getValue() + "%"));
              }
              apply(s.id(), c);
            }
          });
      Checkbox holdout =
          new Checkbox(
              "Holdout (leads straight to an End)", s.to() != null && "end".equals(s.to().kind()));
      holdout.setReadOnly(true);
      add(weight, holdout);
    } else if (fromKind.equals("branch")) {
      Checkbox everyoneElse =
          new Checkbox("For everyone else (no condition)", Boolean.TRUE.equals(s.isDefault()));
      everyoneElse.addClassName("path-everyone-else");
      GroupEditor[] holder = new GroupEditor[1];
      Runnable changed =
          () -> {
            SegmentRule rule = simplest(holder[0].rule());
            apply(
                s.id(),
                SettingsChange.create()
                    .property(Branch.CONDITION, services.json().writeValueAsString(rule)));
          };
      GroupEditor condition = new GroupEditor(services.choices(), changed, null);
      holder[0] = condition;
      condition.addClassName("path-condition");
      String stored = s.property(Branch.CONDITION);
      if (stored != null) {
        try {
          condition.show(services.json().readValue(stored, SegmentRule.class));
        } catch (JacksonException unreadable) {
          add(
              new Paragraph(
                  "The stored condition is not one Cairn can read; build it again below."));
        }
      }
      condition.setVisible(!Boolean.TRUE.equals(s.isDefault()));
      everyoneElse.addValueChangeListener(
          change -> {
            if (change.isFromClient()) {
              SettingsChange c = SettingsChange.create().everyoneElse(change.getValue());
              if (change.getValue()) {
                c.property(Branch.CONDITION, null);
              }
              apply(s.id(), c);
              condition.setVisible(!change.getValue());
            }
          });
      add(everyoneElse, condition);
    } else {
      add(new Paragraph("Contacts go this way when they are done with the step before."));
    }
  }

  private void updateContact(ElementSettings s) {
    heading("Update contact", s);
    ComboBox<String> what = new ComboBox<>("What to change");
    List<String> choices =
        new ArrayList<>(
            List.of(
                "tag",
                "untag",
                "first_name",
                "last_name",
                "time_zone",
                "locale",
                "email_consent",
                "sms_consent"));
    services.choices().attributes().stream()
        .filter(a -> a.startsWith("trait:"))
        .forEach(choices::add);
    what.setItems(new LinkedHashSet<>(choices));
    what.setItemLabelGenerator(
        v ->
            switch (v) {
              case "tag" -> "Add a tag";
              case "untag" -> "Remove a tag";
              case "first_name" -> "First name";
              case "last_name" -> "Last name";
              case "time_zone" -> "Time zone";
              case "locale" -> "Language (locale)";
              case "email_consent" -> "Email consent";
              case "sms_consent" -> "SMS consent";
              default -> v.startsWith("trait:") ? "Trait " + v.substring(6) : v;
            });
    what.setAllowCustomValue(true);
    what.addCustomValueSetListener(
        custom ->
            what.setValue(
                custom.getDetail().startsWith("trait:")
                    ? custom.getDetail()
                    : "trait:" + custom.getDetail()));
    what.setValue(Optional.ofNullable(s.header("attribute")).orElse("tag"));
    what.setWidthFull();
    what.addValueChangeListener(
        change -> {
          if (change.getValue() != null) {
            apply(s.id(), SettingsChange.create().header("attribute", change.getValue()));
          }
        });
    TextField value =
        text(
            "Value (the tag, or the new value)",
            s.header("value"),
            v -> apply(s.id(), SettingsChange.create().header("value", v)));
    add(what, value);
  }

  private void list(ElementSettings s) {
    heading("Add to / remove from list", s);
    Select<String> action = new Select<>();
    action.setLabel("Action");
    action.setItems("add", "remove");
    action.setItemLabelGenerator(v -> v.equals("add") ? "Add to the list" : "Remove from the list");
    action.setValue(Optional.ofNullable(s.header("action")).orElse("add"));
    action.addValueChangeListener(
        change -> {
          if (change.isFromClient()) {
            apply(s.id(), SettingsChange.create().header("action", change.getValue()));
          }
        });
    Select<ContactList> list = new Select<>();
    list.setLabel("List");
    list.setItems(services.choices().lists());
    list.setItemLabelGenerator(ContactList::name);
    services.choices().lists().stream()
        .filter(l -> l.id().equals(s.header("list")))
        .findFirst()
        .ifPresent(list::setValue);
    list.addValueChangeListener(
        change -> {
          if (change.isFromClient() && change.getValue() != null) {
            apply(s.id(), SettingsChange.create().header("list", change.getValue().id()));
          }
        });
    add(action, list);
  }

  private void webhook(ElementSettings s) {
    heading("Call webhook", s);
    TextField url =
        text(
            "Address to call",
            s.header("url"),
            v -> apply(s.id(), SettingsChange.create().header("url", v)));
    url.setPlaceholder("https://crm.example.com/hooks/cairn");
    DurationField timeout = new DurationField("Wait for an answer at most");
    timeout.setValue(Optional.ofNullable(s.header("timeout")).orElse(""));
    timeout.addValueChangeListener(
        change -> apply(s.id(), SettingsChange.create().header("timeout", change.getValue())));
    add(url, timeout);
  }

  private void notifyTeam(ElementSettings s) {
    heading("Notify team", s);
    TextField to =
        text(
            "To (email addresses, separated by commas)",
            s.header("to"),
            v -> apply(s.id(), SettingsChange.create().header("to", v)));
    TextField subject =
        text(
            "Subject",
            s.header("subject"),
            v -> apply(s.id(), SettingsChange.create().header("subject", v)));
    TextArea body = new TextArea("Text");
    body.setValue(Optional.ofNullable(s.header("text")).orElse(""));
    body.setWidthFull();
    body.setValueChangeMode(ValueChangeMode.ON_CHANGE);
    body.addValueChangeListener(
        change -> apply(s.id(), SettingsChange.create().header("text", change.getValue())));
    add(to, subject, body);
  }

  private void end(ElementSettings s) {
    heading("End", s);
    add(new Paragraph("Contacts leave the journey here."));
  }

  private void heading(String kind, ElementSettings s) {
    H3 title = new H3(kind);
    title.addClassName("properties-kind");
    TextField name =
        text(
            "Name on the canvas",
            s.nameOrEmpty(),
            value -> apply(s.id(), SettingsChange.create().name(value)));
    name.addClassName("element-name");
    add(title, name);
  }

  private TextField text(String label, @Nullable String value, Consumer<String> changed) {
    TextField field = new TextField(label);
    field.setValue(value == null ? "" : value);
    field.setWidthFull();
    field.setValueChangeMode(ValueChangeMode.ON_CHANGE);
    field.addValueChangeListener(
        change -> {
          if (change.isFromClient()) {
            changed.accept(change.getValue());
          }
        });
    return field;
  }

  /**
   * An event name, picked from the list or typed; {@code picked} hears each choice the marketer
   * makes.
   */
  private ComboBox<String> eventPicker(
      String label, @Nullable String value, Consumer<@Nullable String> picked) {
    ComboBox<String> event = new ComboBox<>(label);
    LinkedHashSet<String> events = new LinkedHashSet<>(services.choices().events());
    events.addAll(
        List.of(
            "Signed Up",
            "Product Added",
            "Order Completed",
            "Email Clicked",
            "Email Opened",
            "Segment Entered"));
    boolean named = value != null && !value.isBlank();
    if (named) {
      events.add(value);
    }
    event.setItems(events);
    event.setAllowCustomValue(true);
    event.addValueChangeListener(
        change -> {
          if (change.isFromClient()) {
            picked.accept(change.getValue());
          }
        });
    // A typed name is set from here, so it is no client change: it is the marketer's choice all the
    // same.
    event.addCustomValueSetListener(
        custom -> {
          String typed = custom.getDetail().strip();
          if (typed.isEmpty()) {
            return;
          }
          events.add(typed);
          event.setItems(events);
          event.setValue(typed);
          picked.accept(typed);
        });
    event.setValue(named ? value : null);
    event.setClearButtonVisible(true);
    event.setWidthFull();
    event.setPlaceholder("e.g. Order Completed");
    return event;
  }

  private Select<SegmentSummary> segmentPicker(String label, @Nullable String segmentId) {
    Select<SegmentSummary> segment = new Select<>();
    segment.setLabel(label);
    segment.setItems(services.choices().segments());
    segment.setItemLabelGenerator(summary -> summary == null ? "" : summary.name());
    services.choices().segments().stream()
        .filter(summary -> summary.id().equals(segmentId))
        .findFirst()
        .ifPresent(segment::setValue);
    segment.setWidthFull();
    return segment;
  }

  private void apply(@Nullable String elementId, SettingsChange change) {
    designer.apply(elementId, change);
  }

  /** A group of one condition is stored as the condition itself, as the library writes it. */
  private static SegmentRule simplest(SegmentRule rule) {
    if (rule instanceof SegmentRule.All all && all.rules().size() == 1) {
      return all.rules().getFirst();
    }
    return rule;
  }

  private static @Nullable String whereValue(@Nullable String where, String key) {
    if (where == null) {
      return null;
    }
    for (String pair : where.split(",")) {
      String[] parts = pair.split("=", 2);
      if (parts.length == 2 && parts[0].strip().equals(key)) {
        return parts[1].strip();
      }
    }
    return null;
  }

  /** Whether the name is still the one the palette gave (so the panel may name the node itself). */
  private static boolean isDefaultName(String name, String paletteName) {
    return name.isBlank() || name.equals(paletteName) || name.startsWith(paletteName + " ");
  }

  private static @Nullable Integer parseInt(String text) {
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
