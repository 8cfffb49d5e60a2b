/**
 * Lists: named audiences with members a marketer adds by hand, by import or from a journey step.
 */
@NullMarked
package dev.cairn.engine.list;

import org.jspecify.annotations.NullMarked;
