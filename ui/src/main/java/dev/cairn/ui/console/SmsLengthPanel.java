package dev.cairn.ui.console;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.cairn.channels.sms.SmsEncoding;
import dev.cairn.channels.sms.SmsLinks;
import dev.cairn.channels.template.MergeFields;
import dev.cairn.channels.template.TemplateDefect;
import dev.cairn.channels.template.TemplateProblem;
import dev.cairn.channels.template.Templates;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * How long an SMS text is as the contact receives it: its characters, the alphabet it needs and the
 * segments (billed messages) it takes, recounted as the marketer types. Merge tags are filled in
 * for the sample contact first, since a first name can push a text into a second segment; with link
 * shortening on, each web link counts as long as the short link that will replace it.
 */
public class SmsLengthPanel extends VerticalLayout {

  private final Templates templates;
  private final SmsLinks links;
  private final TextArea text = new TextArea("SMS text (Liquid, as in a step's text setting)");
  private final Span counts = new Span();
  private final Div detail = new Div();
  private final Div rendered = new Div();

  public SmsLengthPanel(Templates templates, SmsLinks links) {
    this.templates = templates;
    this.links = links;
    addClassName("template-card");
    setPadding(false);
    setSpacing(false);
    getStyle().set("padding", "var(--lumo-space-m)").set("gap", "var(--lumo-space-s)");
    text.addClassName("sms-text");
    text.setWidthFull();
    text.setMinRows(3);
    text.setValue(
        "Hi {{ contact.first_name | default: \"there\" }}, your cart is waiting: 10% off today only.");
    text.setValueChangeMode(ValueChangeMode.LAZY);
    text.setValueChangeTimeout(150);
    text.addValueChangeListener(change -> recount());
    counts.addClassName("sms-counts");
    counts.getStyle().set("font-weight", "600");
    detail.addClassName("sms-detail");
    detail
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    rendered.addClassName("sms-rendered");
    rendered
        .getStyle()
        .set("white-space", "pre-wrap")
        .set("background", "var(--lumo-contrast-5pct)")
        .set("border-radius", "var(--lumo-border-radius-m)")
        .set("padding", "var(--lumo-space-s)")
        .set("font-size", "var(--lumo-font-size-s)");
    add(
        new H3("SMS length"),
        new Paragraph(
            "GSM-7 fits 160 characters in one message (153 per part when split); one character outside it, such as an emoji"
                + " or a curly quote, makes the whole text UCS-2: 70 characters, then 67 per part."
                + (links.enabled()
                    ? " Web links are counted as the short links they become (a step can keep its links with shorten-links: false)."
                    : "")),
        text,
        counts,
        detail,
        rendered);
    recount();
  }

  /**
   * Counts this text instead, e.g. a journey step's; without the panel's heading and explanation.
   */
  public void bind(String label, String value, Consumer<String> changed) {
    getChildren()
        .filter(child -> child instanceof H3 || child instanceof Paragraph)
        .toList()
        .forEach(this::remove);
    text.setLabel(label);
    text.setValue(value);
    text.addValueChangeListener(
        change -> {
          if (change.isFromClient()) {
            changed.accept(change.getValue());
          }
        });
    recount();
  }

  private void recount() {
    String source = text.getValue();
    Optional<TemplateDefect.Unreadable> defect = templates.checkInline("SMS text", source);
    String body;
    if (defect.isPresent()) {
      detail.setText(
          "Not valid Liquid"
              + TemplateEditorView.where(defect.get())
              + ": "
              + defect.get().reason()
              + ". Counting the text as written.");
      body = source;
    } else {
      try {
        body =
            templates
                .renderInline("SMS text", source, MergeFields.of(SampleContact.PROFILE, Map.of()))
                .strip();
      } catch (TemplateProblem problem) {
        body = source;
      }
      detail.setText("");
    }
    if (links.enabled()) {
      body = links.preview(body);
    }
    SmsEncoding encoding = SmsEncoding.of(body);
    int characters = body.codePointCount(0, body.length());
    String alphabet = encoding.alphabet() == SmsEncoding.Alphabet.GSM_7 ? "GSM-7" : "UCS-2";
    counts.setText(
        characters
            + (characters == 1 ? " character" : " characters")
            + " · "
            + alphabet
            + " · "
            + encoding.segments()
            + (encoding.segments() == 1 ? " segment" : " segments"));
    Set<String> forcing = outsideGsm(body);
    if (defect.isEmpty() && !forcing.isEmpty()) {
      detail.setText("UCS-2 because of: " + String.join(" ", forcing));
    } else if (defect.isEmpty() && encoding.segments() <= 1) {
      detail.setText(
          (encoding.alphabet().single() - encoding.units())
              + " left before it becomes two segments.");
    }
    rendered.setText(body.isEmpty() ? "(empty)" : body);
  }

  /** The characters that keep the text from being sent as GSM-7, each once. */
  private static Set<String> outsideGsm(String body) {
    return body.codePoints()
        .mapToObj(Character::toString)
        .filter(character -> SmsEncoding.of(character).alphabet() == SmsEncoding.Alphabet.UCS_2)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
