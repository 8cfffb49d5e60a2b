package dev.cairn.ui.designer;

import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import java.util.Optional;

/** A duration as a number and a unit ("3" "days"), read and written as ISO 8601 (P3D). */
final class DurationField extends CustomField<String> {

  private final IntegerField amount = new IntegerField();
  private final Select<DurationWords.Unit> unit = new Select<>();

  DurationField(String label) {
    setLabel(label);
    amount.setMin(0);
    amount.setWidth("6rem");
    amount.setStepButtonsVisible(true);
    amount.addClassName("duration-amount");
    unit.setItems(DurationWords.Unit.values());
    unit.setItemLabelGenerator(DurationWords.Unit::label);
    unit.setValue(DurationWords.Unit.DAYS);
    unit.setWidth("8rem");
    unit.addClassName("duration-unit");
    com.vaadin.flow.component.orderedlayout.HorizontalLayout row =
        new com.vaadin.flow.component.orderedlayout.HorizontalLayout(amount, unit);
    row.setSpacing(true);
    add(row);
  }

  @Override
  protected String generateModelValue() {
    Integer value = amount.getValue();
    return value == null ? "" : unit.getValue().iso(value);
  }

  @Override
  protected void setPresentationValue(String iso) {
    Optional<DurationWords.Amount> parsed =
        iso == null || iso.isBlank() ? Optional.empty() : DurationWords.ofIso(iso);
    amount.setValue(parsed.map(a -> (int) a.amount()).orElse(null));
    unit.setValue(parsed.map(DurationWords.Amount::unit).orElse(DurationWords.Unit.DAYS));
  }
}
