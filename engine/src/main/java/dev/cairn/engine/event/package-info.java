@NullMarked
package dev.cairn.engine.event;

import org.jspecify.annotations.NullMarked;
