/**
 * Demo data: sample contacts and a simulator of customer events, so a new install has life in it.
 */
@NullMarked
package dev.cairn.ui.demo;

import org.jspecify.annotations.NullMarked;
