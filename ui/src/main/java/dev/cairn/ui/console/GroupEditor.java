package dev.cairn.ui.console;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import dev.cairn.engine.segment.SegmentRule;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** "Match all / any of" a list of conditions and nested groups. */
public class GroupEditor extends VerticalLayout {

  private static final String ALL = "Match all of these";
  private static final String ANY = "Match any of these";

  private final Select<String> match = new Select<>();
  private final VerticalLayout items = new VerticalLayout();
  private final List<Component> children = new ArrayList<>();
  private final BuilderChoices choices;
  private final Runnable changed;

  public GroupEditor(BuilderChoices choices, Runnable changed, @Nullable Runnable remove) {
    this.choices = choices;
    this.changed = changed;
    setPadding(true);
    setSpacing(false);
    getStyle()
        .set("border-left", "3px solid var(--lumo-primary-color-50pct)")
        .set("background", "var(--lumo-contrast-5pct)")
        .set("border-radius", "var(--lumo-border-radius-m)");
    match.setItems(ALL, ANY);
    match.setValue(ALL);
    match.addValueChangeListener(e -> changed.run());
    items.setPadding(false);

    Button addCondition =
        new Button("Condition", VaadinIcon.PLUS.create(), click -> addCondition(null));
    Button addGroup = new Button("Group", VaadinIcon.PLUS.create(), click -> addGroup(null));
    addCondition.addThemeVariants(ButtonVariant.LUMO_SMALL);
    addGroup.addThemeVariants(ButtonVariant.LUMO_SMALL);
    HorizontalLayout header = new HorizontalLayout(match);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    if (remove != null) {
      Button delete = new Button("Remove group", click -> remove.run());
      delete.addThemeVariants(
          ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
      header.add(delete);
    }
    add(header, items, new HorizontalLayout(addCondition, addGroup));
  }

  /**
   * Shows a stored rule: a group as it is, anything else as the only condition of an "all" group.
   */
  public void show(SegmentRule rule) {
    items.removeAll();
    children.clear();
    List<SegmentRule> rules =
        switch (rule) {
          case SegmentRule.All all -> all.rules();
          case SegmentRule.Any any -> {
            match.setValue(ANY);
            yield any.rules();
          }
          default -> List.of(rule);
        };
    if (rule instanceof SegmentRule.All) {
      match.setValue(ALL);
    }
    for (SegmentRule child : rules) {
      if (child instanceof SegmentRule.All || child instanceof SegmentRule.Any) {
        addGroup(child);
      } else {
        addCondition(child);
      }
    }
  }

  public SegmentRule rule() {
    List<SegmentRule> rules =
        children.stream()
            .map(
                child ->
                    child instanceof GroupEditor group
                        ? group.rule()
                        : ((ConditionEditor) child).rule())
            .toList();
    return ANY.equals(match.getValue()) ? new SegmentRule.Any(rules) : new SegmentRule.All(rules);
  }

  private void addCondition(@Nullable SegmentRule rule) {
    ConditionEditor[] holder = new ConditionEditor[1];
    holder[0] = new ConditionEditor(choices, changed, () -> remove(holder[0]));
    if (rule != null) {
      holder[0].show(rule, choices.segments(), choices.lists());
    }
    children.add(holder[0]);
    items.add(holder[0]);
    if (rule == null) {
      changed.run();
    }
  }

  private void addGroup(@Nullable SegmentRule rule) {
    GroupEditor[] holder = new GroupEditor[1];
    holder[0] = new GroupEditor(choices, changed, () -> remove(holder[0]));
    if (rule != null) {
      holder[0].show(rule);
    }
    children.add(holder[0]);
    items.add(holder[0]);
    if (rule == null) {
      changed.run();
    }
  }

  private void remove(Component child) {
    children.remove(child);
    items.remove(child);
    changed.run();
  }
}
