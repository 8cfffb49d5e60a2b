/**
 * Steps that choose a contact's path: a branch on conditions (attributes, activity, segments)
 * evaluated in PostgreSQL, and an A/B split that assigns each contact a variant by weight, always
 * the same one for the same contact.
 */
@NullMarked
package dev.cairn.engine.decision;

import org.jspecify.annotations.NullMarked;
