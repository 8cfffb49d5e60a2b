/**
 * Declared custom attributes: the type each one's values must have (string, number, boolean, date,
 * list), how incoming values are converted to it or refused, and the traits seen in data that no
 * one declared yet.
 */
@NullMarked
package dev.cairn.engine.attribute;

import org.jspecify.annotations.NullMarked;
