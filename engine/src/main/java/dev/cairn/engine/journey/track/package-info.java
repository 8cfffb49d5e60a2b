/**
 * Where contacts are in their journeys, read from the element rows the engine's tracking writes in
 * the same transaction as each move: positions, paths, counts per node and open incidents.
 */
@NullMarked
package dev.cairn.engine.journey.track;

import org.jspecify.annotations.NullMarked;
