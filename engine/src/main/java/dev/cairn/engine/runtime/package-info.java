@NullMarked
package dev.cairn.engine.runtime;

import org.jspecify.annotations.NullMarked;
