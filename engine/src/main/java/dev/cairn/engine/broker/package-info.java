/** The Zeebe broker Cairn runs as a child process in embedded mode, and the client to any broker. */
@NullMarked
package dev.cairn.engine.broker;

import org.jspecify.annotations.NullMarked;
