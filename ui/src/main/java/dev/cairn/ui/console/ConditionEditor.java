package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.segment.AttributeOperator;
import dev.cairn.engine.segment.SegmentRule;
import dev.cairn.engine.segment.SegmentSummary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One condition of a segment: a kind, then the fields that kind needs, on one line. */
class ConditionEditor extends HorizontalLayout {

  enum Kind {
    ATTRIBUTE("Attribute"),
    DID("Did event"),
    DID_NOT("Did not do event"),
    IN_SEGMENT("Is in segment"),
    NOT_IN_SEGMENT("Is not in segment"),
    IN_LIST("Is in list"),
    NOT_IN_LIST("Is not in list");

    private final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private final Select<Kind> kind = new Select<>();
  private final ComboBox<String> attribute = new ComboBox<>();
  private final Select<AttributeOperator> operator = new Select<>();
  private final TextField value = new TextField();
  private final ComboBox<String> event = new ComboBox<>();
  private final IntegerField atLeast = new IntegerField();
  private final IntegerField withinDays = new IntegerField();
  private final TextField sumProperty = new TextField();
  private final BigDecimalField sumAtLeast = new BigDecimalField();
  private final Select<SegmentSummary> segment = new Select<>();
  private final Select<ContactList> list = new Select<>();
  private final Runnable changed;
  private final BuilderChoices choices;

  ConditionEditor(BuilderChoices choices, Runnable changed, Runnable remove) {
    this.changed = changed;
    this.choices = choices;
    setAlignItems(FlexComponent.Alignment.BASELINE);
    setWidthFull();
    getStyle().set("flex-wrap", "wrap");

    kind.setItems(Kind.values());
    kind.setItemLabelGenerator(k -> k.label);
    kind.setValue(Kind.ATTRIBUTE);
    kind.setWidth("11rem");

    attribute.setItems(choices.attributes());
    attribute.setAllowCustomValue(true);
    attribute.addCustomValueSetListener(custom -> attribute.setValue(custom.getDetail()));
    attribute.setPlaceholder("attribute");
    attribute.setWidth("12rem");
    operator.setItems(AttributeOperator.values());
    operator.setItemLabelGenerator(AttributeOperator::label);
    operator.setValue(AttributeOperator.EQUALS);
    operator.setWidth("13rem");
    value.setPlaceholder("value");
    value.setValueChangeMode(ValueChangeMode.LAZY);

    event.setItems(choices.events());
    event.setAllowCustomValue(true);
    event.addCustomValueSetListener(custom -> event.setValue(custom.getDetail()));
    event.setPlaceholder("event, e.g. Order Completed");
    event.setWidth("14rem");
    atLeast.setPrefixComponent(new Span("at least"));
    atLeast.setSuffixComponent(new Span("times"));
    atLeast.setValue(1);
    atLeast.setMin(1);
    atLeast.setWidth("10rem");
    withinDays.setPrefixComponent(new Span("in the last"));
    withinDays.setSuffixComponent(new Span("days"));
    withinDays.setPlaceholder("ever");
    withinDays.setMin(1);
    withinDays.setWidth("12rem");
    sumProperty.setPlaceholder("sum of property (optional)");
    sumProperty.setValueChangeMode(ValueChangeMode.LAZY);
    sumAtLeast.setPlaceholder("at least");
    sumAtLeast.setWidth("7rem");

    segment.setItems(choices.segments());
    segment.setItemLabelGenerator(SegmentSummary::name);
    segment.setPlaceholder("segment");

    list.setItems(choices.lists());
    list.setItemLabelGenerator(ContactList::name);
    list.setPlaceholder("list");
    list.addClassName("condition-list");

    Button delete = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> remove.run());
    delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
    delete.setAriaLabel("Remove condition");

    add(
        kind,
        attribute,
        operator,
        value,
        event,
        atLeast,
        withinDays,
        sumProperty,
        sumAtLeast,
        segment,
        list,
        delete);
    kind.addClassName("condition-kind");
    attribute.addClassName("condition-attribute");
    operator.addClassName("condition-operator");
    value.addClassName("condition-value");
    event.addClassName("condition-event");
    // A different kind, attribute or operator changes which fields show; other edits only the
    // count.
    kind.addValueChangeListener(e -> update());
    attribute.addValueChangeListener(
        e -> {
          offerOperators(operator.getValue(), false);
          update();
        });
    operator.addValueChangeListener(
        e -> {
          if (e.getValue() != null) {
            value.setPlaceholder(placeholder(e.getValue()));
          }
          update();
        });
    event.addValueChangeListener(e -> update());
    segment.addValueChangeListener(e -> update());
    list.addValueChangeListener(e -> update());
    value.addValueChangeListener(e -> changed.run());
    sumProperty.addValueChangeListener(e -> changed.run());
    atLeast.addValueChangeListener(e -> changed.run());
    withinDays.addValueChangeListener(e -> changed.run());
    sumAtLeast.addValueChangeListener(e -> changed.run());
    showFields();
  }

  /** Fills the editor from a stored condition. */
  void show(SegmentRule rule, List<SegmentSummary> segments, List<ContactList> lists) {
    switch (rule) {
      case SegmentRule.Attribute a -> {
        kind.setValue(Kind.ATTRIBUTE);
        attribute.setValue(a.attribute());
        offerOperators(a.operator(), true);
        operator.setValue(a.operator());
        value.setValue(a.value() == null ? "" : a.value());
      }
      case SegmentRule.Activity a -> {
        kind.setValue(a.did() ? Kind.DID : Kind.DID_NOT);
        event.setValue(a.event());
        atLeast.setValue(a.atLeast());
        withinDays.setValue(a.withinDays());
        sumProperty.setValue(a.sumProperty() == null ? "" : a.sumProperty());
        sumAtLeast.setValue(a.sumAtLeast());
      }
      case SegmentRule.Membership m -> {
        kind.setValue(m.member() ? Kind.IN_SEGMENT : Kind.NOT_IN_SEGMENT);
        segments.stream()
            .filter(s -> s.id().equals(m.segmentId()))
            .findFirst()
            .ifPresent(segment::setValue);
      }
      case SegmentRule.ListMembership l -> {
        kind.setValue(l.member() ? Kind.IN_LIST : Kind.NOT_IN_LIST);
        lists.stream()
            .filter(candidate -> candidate.id().equals(l.listId()))
            .findFirst()
            .ifPresent(list::setValue);
      }
      case SegmentRule.Engagement engagement ->
          throw new IllegalArgumentException(
              "engagement is a journey branch condition, not a segment's");
      case SegmentRule.All all ->
          throw new IllegalArgumentException("groups have their own editor");
      case SegmentRule.Any any ->
          throw new IllegalArgumentException("groups have their own editor");
    }
    showFields();
  }

  /**
   * The condition as entered; incomplete fields make rules the engine explains (e.g. "needs a
   * value").
   */
  SegmentRule rule() {
    return switch (Objects.requireNonNullElse(kind.getValue(), Kind.ATTRIBUTE)) {
      case ATTRIBUTE ->
          new SegmentRule.Attribute(
              Objects.requireNonNullElse(attribute.getValue(), ""),
              Objects.requireNonNullElse(operator.getValue(), AttributeOperator.EQUALS),
              value.getValue());
      case DID, DID_NOT ->
          new SegmentRule.Activity(
              Objects.requireNonNullElse(event.getValue(), ""),
              kind.getValue() == Kind.DID,
              Optional.ofNullable(atLeast.getValue()).orElse(1),
              withinDays.getValue(),
              sumProperty.getValue().isBlank() ? null : sumProperty.getValue(),
              sumAtLeast.getValue());
      case IN_SEGMENT, NOT_IN_SEGMENT ->
          new SegmentRule.Membership(
              segment.getValue() == null ? "" : segment.getValue().id(),
              kind.getValue() == Kind.IN_SEGMENT);
      case IN_LIST, NOT_IN_LIST ->
          new SegmentRule.ListMembership(
              list.getValue() == null ? "" : list.getValue().id(), kind.getValue() == Kind.IN_LIST);
    };
  }

  /**
   * Offers the operators that fit the attribute's type (numbers "at least", dates "before", lists
   * "contains", booleans "is true"), keeping the chosen one when it still fits (or a stored rule
   * uses it).
   */
  private void offerOperators(
      @org.jspecify.annotations.Nullable AttributeOperator keep, boolean stored) {
    List<AttributeOperator> offered =
        new java.util.ArrayList<>(
            choices.operatorsOf(Objects.requireNonNullElse(attribute.getValue(), "")));
    if (stored && keep != null && !offered.contains(keep)) {
      offered.add(keep); // shown as stored, so the count explains what no longer fits
    }
    operator.setItems(offered);
    operator.setValue(keep != null && offered.contains(keep) ? keep : offered.getFirst());
    value.setPlaceholder(placeholder(operator.getValue()));
  }

  private static String placeholder(AttributeOperator operator) {
    return switch (operator) {
      case BEFORE, AFTER -> "date, e.g. 2026-03-01";
      case WITHIN_LAST_DAYS, MORE_THAN_DAYS_AGO -> "days";
      case AT_LEAST, AT_MOST, GREATER_THAN, LESS_THAN -> "number";
      default -> "value";
    };
  }

  private void update() {
    showFields();
    changed.run();
  }

  private void showFields() {
    Kind current = Objects.requireNonNullElse(kind.getValue(), Kind.ATTRIBUTE);
    boolean isAttribute = current == Kind.ATTRIBUTE;
    boolean isActivity = current == Kind.DID || current == Kind.DID_NOT;
    attribute.setVisible(isAttribute);
    operator.setVisible(isAttribute);
    value.setVisible(
        isAttribute && operator.getValue() != null && operator.getValue().needsValue());
    event.setVisible(isActivity);
    atLeast.setVisible(isActivity);
    withinDays.setVisible(isActivity);
    sumProperty.setVisible(current == Kind.DID);
    sumAtLeast.setVisible(current == Kind.DID);
    segment.setVisible(current == Kind.IN_SEGMENT || current == Kind.NOT_IN_SEGMENT);
    list.setVisible(current == Kind.IN_LIST || current == Kind.NOT_IN_LIST);
  }
}
