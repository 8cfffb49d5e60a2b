/**
 * Whether a contact may be sent marketing on each channel, with where that permission came from and
 * when: kept per channel, every change also recorded as a contact event.
 */
@NullMarked
package dev.cairn.engine.consent;

import org.jspecify.annotations.NullMarked;
