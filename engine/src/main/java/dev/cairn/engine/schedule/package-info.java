/**
 * Waits that end at a moment of the contact's own calendar: a time of day (on some weekdays) in
 * their time zone, or a date they have (a birthday, a renewal) with an offset.
 */
@NullMarked
package dev.cairn.engine.schedule;

import org.jspecify.annotations.NullMarked;
