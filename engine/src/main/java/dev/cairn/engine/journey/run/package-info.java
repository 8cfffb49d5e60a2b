/** The engine port: everything Cairn asks of the BPMN engine journeys run on, in Cairn's terms. */
@NullMarked
package dev.cairn.engine.journey.run;

import org.jspecify.annotations.NullMarked;
