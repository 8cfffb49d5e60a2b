/**
 * Test runs: a marketer sends one contact through a journey (a draft too) with every wait
 * fast-forwarded, and sees each step it takes and every message it would send, while nothing is
 * sent and the contact's real journeys are untouched.
 */
@NullMarked
package dev.cairn.engine.journey.testrun;

import org.jspecify.annotations.NullMarked;
