@NullMarked
package dev.cairn.engine.journey;

import org.jspecify.annotations.NullMarked;
