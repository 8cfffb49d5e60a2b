/**
 * The checks of a journey as a marketer drew it: every problem on its element, in the marketer's
 * words, found before anything is compiled.
 */
@NullMarked
package dev.cairn.engine.journey.check;

import org.jspecify.annotations.NullMarked;
