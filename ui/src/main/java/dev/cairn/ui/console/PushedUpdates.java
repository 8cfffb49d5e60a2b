package dev.cairn.ui.console;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.Command;

/**
 * Changes a background task makes to a view, pushed to the browser (the application shell has
 * {@code @Push}). When the viewer has gone (tab closed, signed out) there is no one to show them
 * to, and the task goes on: an import must not stop half-way because its page was closed.
 */
final class PushedUpdates {

  private final UI ui;

  PushedUpdates(UI ui) {
    this.ui = ui;
  }

  void show(Command change) {
    try {
      ui.access(change);
    } catch (UIDetachedException gone) {
      // Nobody is looking any more; the task's result is kept where it always is (the import
      // record).
    }
  }
}
