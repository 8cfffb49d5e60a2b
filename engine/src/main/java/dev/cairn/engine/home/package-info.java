/** Cairn's data directory and the processes Cairn owns there (embedded database, broker). */
@NullMarked
package dev.cairn.engine.home;

import org.jspecify.annotations.NullMarked;
