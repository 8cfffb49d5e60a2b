@NullMarked
package dev.cairn.engine.step;

import org.jspecify.annotations.NullMarked;
