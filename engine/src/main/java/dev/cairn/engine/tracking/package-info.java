/**
 * Where contacts are in their journeys, read from the element rows the broker's exporter writes.
 * Never asks the engine.
 */
@NullMarked
package dev.cairn.engine.tracking;

import org.jspecify.annotations.NullMarked;
