/**
 * Running journeys: the engine port (everything Cairn asks of the BPMN engine, in Cairn's terms)
 * and what drives it: contacts entering, stored events handed to the contacts waiting for them,
 * schedules, stops, moves to another version and retries of stopped steps.
 */
@NullMarked
package dev.cairn.engine.journey.run;

import org.jspecify.annotations.NullMarked;
