/**
 * The engine port on a Camunda 8 cluster an organisation already runs (SaaS, or self-managed under
 * its own licence), through the Camunda Java client: deploying compiled journeys in the cluster's
 * dialect, performing their steps with one job worker per step type, and the tracking rows Cairn
 * can write from what it sees itself. Chosen by {@code cairn.engine.mode=camunda8}.
 */
@NullMarked
package dev.cairn.engine.journey.run.camunda8;

import org.jspecify.annotations.NullMarked;
