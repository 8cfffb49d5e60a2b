/**
 * The console marketers and managers use: journeys with live counts on the diagram, contacts with
 * where they are and what happened to them, and the outbox of messages.
 */
@NullMarked
package dev.cairn.ui.console;

import org.jspecify.annotations.NullMarked;
