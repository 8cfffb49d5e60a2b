/**
 * Segments: groups of contacts defined by rules a marketer builds by clicking (attributes, what
 * they did, membership of other segments), evaluated by PostgreSQL, kept current as events arrive,
 * and announcing who entered and left so journeys can start on it.
 */
@NullMarked
package dev.cairn.engine.segment;

import org.jspecify.annotations.NullMarked;
