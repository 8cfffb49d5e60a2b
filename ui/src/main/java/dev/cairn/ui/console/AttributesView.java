package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.attribute.Attributes;
import dev.cairn.engine.attribute.UndeclaredAttribute;
import jakarta.annotation.security.RolesAllowed;

/**
 * The custom attributes: the declared ones with their type and how many contacts have a value, the
 * traits seen in data that no one declared (with a "Declare" action), and a form to declare one or
 * change its type.
 */
@Route("attributes")
@PageTitle("Attributes · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class AttributesView extends VerticalLayout {

  private final Attributes attributes;
  private final Grid<Attributes.Usage> declared = new Grid<>();
  private final Grid<UndeclaredAttribute> undeclared = new Grid<>();
  private final TextField name = new TextField("Name");
  private final Select<AttributeType> type = new Select<>();
  private final TextField label = new TextField("Label");
  private final Span outcome = new Span();

  public AttributesView(Attributes attributes) {
    this.attributes = attributes;
    setSizeFull();

    name.setPlaceholder("e.g. trial_ends_on");
    name.setHelperText("lower snake case, as your traits name it");
    name.setId("attribute-name");
    type.setLabel("Type");
    type.setItems(AttributeType.values());
    type.setItemLabelGenerator(AttributeType::label);
    type.setValue(AttributeType.STRING);
    type.setId("attribute-type");
    label.setPlaceholder("e.g. Trial ends on");
    label.setId("attribute-label");
    Button declare = new Button("Declare", VaadinIcon.CHECK.create(), click -> declare());
    declare.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    declare.setId("declare-attribute");
    HorizontalLayout form = new HorizontalLayout(name, type, label, declare);
    form.setAlignItems(FlexComponent.Alignment.BASELINE);
    outcome.setId("attribute-outcome");

    declared.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    declared.addColumn(usage -> usage.attribute().name()).setHeader("Name").setFlexGrow(1);
    declared
        .addColumn(usage -> usage.attribute().type().label())
        .setHeader("Type")
        .setAutoWidth(true)
        .setFlexGrow(0);
    declared.addColumn(usage -> usage.attribute().label()).setHeader("Label").setFlexGrow(1);
    declared
        .addColumn(Attributes.Usage::contacts)
        .setHeader("Contacts with a value")
        .setAutoWidth(true)
        .setFlexGrow(0);
    declared.addItemClickListener(
        click ->
            fill(
                click.getItem().attribute().name(),
                click.getItem().attribute().type(),
                click.getItem().attribute().label()));
    declared.setId("declared-attributes");
    declared.setAllRowsVisible(true);

    undeclared.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    undeclared.addColumn(UndeclaredAttribute::name).setHeader("Trait").setFlexGrow(1);
    undeclared
        .addColumn(seen -> seen.suggestedType().label())
        .setHeader("Looks like")
        .setAutoWidth(true)
        .setFlexGrow(0);
    undeclared
        .addColumn(UndeclaredAttribute::contacts)
        .setHeader("Recent contacts with it")
        .setAutoWidth(true)
        .setFlexGrow(0);
    undeclared
        .addComponentColumn(
            seen -> {
              Button action =
                  new Button("Declare", click -> fill(seen.name(), seen.suggestedType(), ""));
              action.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
              action.addClassName("declare-undeclared");
              action.getElement().setAttribute("data-attribute", seen.name());
              return action;
            })
        .setAutoWidth(true)
        .setFlexGrow(0);
    undeclared.setId("undeclared-attributes");
    undeclared.setAllRowsVisible(true);

    add(
        new H2("Attributes"),
        new Paragraph(
            "Declare the custom attributes your contacts carry: values that arrive (identify and track traits, imports, journey steps) are"
                + " converted to the type or refused with the reason, and segments compare them as numbers, dates, lists or true/false."
                + " Traits you have not declared keep working as they are."),
        form,
        outcome,
        new H3("Declared"),
        declared,
        new H3("Seen in contacts, not declared"),
        undeclared);
    refresh();
  }

  private void fill(String attribute, AttributeType suggested, String shownAs) {
    name.setValue(attribute);
    type.setValue(suggested);
    label.setValue(shownAs);
    name.focus();
  }

  private void declare() {
    switch (attributes.declare(name.getValue(), type.getValue(), label.getValue(), null)) {
      case Attributes.Declaration.Declared done -> {
        name.setInvalid(false);
        outcome.setText(
            "Declared "
                + done.attribute().name()
                + " as "
                + done.attribute().type().label()
                + (done.converted() == 0
                    ? "."
                    : "; " + done.converted() + " existing value(s) converted."));
        outcome.getElement().setAttribute("data-state", "ok");
        name.clear();
        label.clear();
        refresh();
      }
      case Attributes.Declaration.Refused refused -> {
        name.setErrorMessage(refused.reason());
        name.setInvalid(true);
        outcome.setText(refused.reason());
        outcome.getElement().setAttribute("data-state", "error");
      }
    }
  }

  private void refresh() {
    declared.setItems(attributes.declared());
    undeclared.setItems(attributes.undeclared());
  }
}
