/** Background work that runs on one Cairn replica at a time, through ShedLock's lock table. */
@NullMarked
package dev.cairn.engine.cluster;

import org.jspecify.annotations.NullMarked;
