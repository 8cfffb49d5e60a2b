/**
 * The Zeebe exporter Cairn's broker loads: element records into PostgreSQL tracking rows. Built
 * as a self-contained jar (the PostgreSQL driver inside), since the broker loads it on its own.
 */
package dev.cairn.engine.exporter;
