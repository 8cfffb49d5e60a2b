/** Cairn's PostgreSQL: the embedded one Cairn runs by default, or an external one. */
@NullMarked
package dev.cairn.engine.database;

import org.jspecify.annotations.NullMarked;
