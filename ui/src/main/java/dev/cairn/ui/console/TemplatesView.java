package dev.cairn.ui.console;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.cairn.channels.sms.SmsLinks;
import dev.cairn.channels.template.TemplateLibrary;
import dev.cairn.channels.template.TemplateSummary;
import dev.cairn.channels.template.Templates;
import jakarta.annotation.security.RolesAllowed;

/** Every email template, whether it is as shipped or edited here, and an SMS length checker. */
@Route("templates")
@PageTitle("Templates · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class TemplatesView extends VerticalLayout {

  public TemplatesView(TemplateLibrary library, Templates templates, SmsLinks smsLinks) {
    setSizeFull();
    Grid<TemplateSummary> grid = new Grid<>();
    grid.addClassName("template-list");
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    grid.addComponentColumn(TemplatesView::name).setHeader("Template").setFlexGrow(3);
    grid.addComponentColumn(TemplatesView::origin).setHeader("Source").setAutoWidth(true);
    grid.addColumn(
            template ->
                template.updatedAt() == null
                    ? ""
                    : Formats.ago(template.updatedAt()) + " by " + template.updatedBy())
        .setHeader("Last change")
        .setAutoWidth(true);
    grid.setItems(library.list());
    grid.addItemClickListener(
        click ->
            getUI()
                .ifPresent(
                    ui ->
                        ui.navigate(
                            TemplateEditorView.class,
                            new RouteParameters("name", click.getItem().name()))));
    grid.setAllRowsVisible(true);

    VerticalLayout emails = new VerticalLayout(grid);
    emails.setPadding(false);
    SmsLengthPanel sms = new SmsLengthPanel(templates, smsLinks);
    HorizontalLayout columns = new HorizontalLayout(emails, sms);
    columns.setWidthFull();
    columns.setAlignItems(FlexComponent.Alignment.START);
    columns.setFlexGrow(3, emails);
    columns.setFlexGrow(2, sms);
    add(
        new H2("Templates"),
        new Paragraph(
            "The emails journeys send. Open one to change it and preview it as any contact; what you save is used by the"
                + " next email that names it. Reset to default brings back the template Cairn ships."),
        columns);
  }

  static Span name(TemplateSummary template) {
    Span name = new Span(template.layout() ? "Layout (all emails)" : template.name());
    name.getStyle().set("font-weight", "500");
    return name;
  }

  static Span origin(TemplateSummary template) {
    Span badge =
        new Span(
            switch (template.origin()) {
              case SHIPPED -> "Default";
              case EDITED -> "Edited";
              case ADDED -> "Added";
            });
    badge.getElement().getThemeList().add("badge");
    badge
        .getElement()
        .getThemeList()
        .add(
            switch (template.origin()) {
              case SHIPPED -> "contrast";
              case EDITED, ADDED -> "success";
            });
    badge.addClassName("template-origin");
    return badge;
  }
}
