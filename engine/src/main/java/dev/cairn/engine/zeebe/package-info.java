/** Talking to Zeebe: commands that survive backpressure and broker restarts. */
@NullMarked
package dev.cairn.engine.zeebe;

import org.jspecify.annotations.NullMarked;
