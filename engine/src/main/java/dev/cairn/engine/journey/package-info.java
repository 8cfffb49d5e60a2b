/**
 * Journeys: the journey language (BPMN with {@code cairn:} settings), its checks and its compiler
 * to executable BPMN, publication and versions, and the journey library. Running them is in {@code
 * journey.run}, where contacts are in {@code journey.track}, test runs in {@code journey.testrun}.
 */
@NullMarked
package dev.cairn.engine.journey;

import org.jspecify.annotations.NullMarked;
