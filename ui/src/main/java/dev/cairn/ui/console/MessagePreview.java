package dev.cairn.ui.console;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.cairn.channels.delivery.MessageView;
import org.jspecify.annotations.Nullable;

/** A message as its recipient sees it; the HTML is shown in a sandbox that runs no scripts. */
class MessagePreview extends VerticalLayout {

  MessagePreview() {
    setSizeFull();
    show(null);
  }

  void show(@Nullable MessageView message) {
    removeAll();
    if (message == null) {
      add(new Paragraph("Select a message to see it."));
      return;
    }
    add(line("To", message.recipient()));
    add(line("Subject", message.subject() == null ? "" : message.subject()));
    add(
        line(
            "Status",
            message.status().name() + (message.error() == null ? "" : " — " + message.error())));
    add(line("Sent", message.sentAt() == null ? "not sent" : Formats.timestamp(message.sentAt())));
    if (message.test()) {
      add(
          line(
              "Test",
              "sent by "
                  + message.testSentBy()
                  + " from the template editor; no contact's message"));
    }
    if (message.bodyHtml() != null) {
      IFrame body = new IFrame();
      body.setSandbox(IFrame.SandboxType.RESTRICT_ALL);
      body.getElement().setAttribute("srcdoc", message.bodyHtml());
      body.setSizeFull();
      body.getStyle()
          .set("border", "1px solid var(--lumo-contrast-10pct)")
          .set("min-height", "360px")
          .set("background", "white");
      add(body);
    } else if (message.bodyText() != null) {
      Div text = new Div(message.bodyText());
      text.getStyle().set("white-space", "pre-wrap");
      add(text);
    }
  }

  private static Div line(String label, String value) {
    Span name = new Span(label + ": ");
    name.getStyle().set("color", "var(--lumo-secondary-text-color)");
    return new Div(name, new Span(value));
  }
}
