/**
 * The compiler from the journey language to the BPMN the engine executes: the steps Cairn puts
 * before branches, splits and "wait until", goals and exits as event sub-processes, capped waits.
 */
@NullMarked
package dev.cairn.engine.journey.compile;

import org.jspecify.annotations.NullMarked;
