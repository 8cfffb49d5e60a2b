/**
 * The engine port on Operaton embedded in Cairn's JVM and PostgreSQL: its configuration, deploying
 * compiled journeys, performing their steps as external tasks through Cairn's step handlers, and
 * the listener that writes tracking rows in the engine's own transaction.
 */
@NullMarked
package dev.cairn.engine.journey.run.operaton;

import org.jspecify.annotations.NullMarked;
