/**
 * Duplicate contacts: finding people who are in Cairn twice (same email, same phone, same name at
 * the same company domain), and merging one into the other on a marketer's word, after showing what
 * would move and which value wins.
 */
@NullMarked
package dev.cairn.engine.duplicate;

import org.jspecify.annotations.NullMarked;
