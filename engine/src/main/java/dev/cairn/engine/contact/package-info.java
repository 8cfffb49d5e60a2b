@NullMarked
package dev.cairn.engine.contact;

import org.jspecify.annotations.NullMarked;
