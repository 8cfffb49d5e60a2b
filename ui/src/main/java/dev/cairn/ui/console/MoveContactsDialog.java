package dev.cairn.ui.console;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import dev.cairn.engine.journey.JourneyDetail;
import dev.cairn.engine.journey.run.JourneyMigration;
import java.util.Map;

/** Confirms moving contacts from older versions to the latest; {@link #report} says how it went. */
final class MoveContactsDialog extends ConfirmDialog {

  MoveContactsDialog(JourneyDetail journey, JourneyMigration.Preview preview, Runnable move) {
    setHeader(
        "Move " + people(preview.contacts()) + " to version " + preview.latestVersion() + "?");
    UnorderedList versions = new UnorderedList();
    for (JourneyMigration.OlderVersion older : preview.older()) {
      String line = people(older.contacts()) + " on version " + older.version();
      if (!older.nodesNotInLatest().isEmpty()) {
        line +=
            "; those at "
                + String.join(
                    ", ",
                    older.nodesNotInLatest().stream()
                        .map(node -> "\"" + journey.nameOf(node) + "\"")
                        .toList())
                + " stay, as version "
                + preview.latestVersion()
                + " has no such step";
      }
      versions.add(new ListItem(line));
    }
    add(
        new Paragraph(
            "Each contact goes on from the same step in the new version. Contacts at a wait keep the time they have waited so far:"
                + " their wait ends when it would have. Contacts at a step that stopped get a fresh try with the new settings."),
        versions);
    setCancelable(true);
    setConfirmText("Move contacts");
    addClassName("move-contacts-dialog");
    addConfirmListener(confirmed -> move.run());
  }

  /** How a move went: how many moved, and why any stayed or left the journey. */
  static Notification report(JourneyMigration.Outcome outcome) {
    Div report = new Div();
    report.add(
        new Paragraph(
            people(outcome.moved()) + " moved to version " + outcome.latestVersion() + "."));
    for (Map.Entry<String, Integer> stayed : outcome.stayed().entrySet()) {
      report.add(new Paragraph(people(stayed.getValue()) + " stayed: " + stayed.getKey() + "."));
    }
    Notification notification = new Notification(report);
    notification.setDuration(10_000);
    notification.setPosition(Notification.Position.MIDDLE);
    return notification;
  }

  static String people(int count) {
    return count + (count == 1 ? " contact" : " contacts");
  }
}
