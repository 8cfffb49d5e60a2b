/**
 * Journeys: the checks of the journey language and its compiler to executable BPMN, publication and
 * versions, and the journey library. The language itself (node kinds and their {@code cairn:}
 * settings) is in {@code journey.language}, running journeys in {@code journey.run}, where contacts
 * are in {@code journey.track}, test runs in {@code journey.testrun}.
 */
@NullMarked
package dev.cairn.engine.journey;

import org.jspecify.annotations.NullMarked;
