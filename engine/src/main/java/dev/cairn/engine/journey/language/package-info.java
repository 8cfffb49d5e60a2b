/**
 * The journey language: the kinds of node a journey is drawn with, each kind's {@code cairn:}
 * settings, how it is read from the diagram and which step type performs it.
 */
@NullMarked
package dev.cairn.engine.journey.language;

import org.jspecify.annotations.NullMarked;
