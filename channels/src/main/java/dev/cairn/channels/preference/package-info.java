/**
 * The preference centre: the page every email links to, where a recipient chooses which topics of
 * email they get, and whether they get email and texts at all (unsubscribe and resubscribe), and
 * the check that keeps a step's topic from contacts who opted out of it.
 */
@NullMarked
package dev.cairn.channels.preference;

import org.jspecify.annotations.NullMarked;
