/**
 * Contacts in and out as CSV: an upload is inspected (columns, a preview, guessed mapping), then
 * imported in batches with de-duplication by email, phone or user id and a report of every row that
 * could not be taken; contacts and segment members are exported the same way.
 */
@NullMarked
package dev.cairn.engine.imports;

import org.jspecify.annotations.NullMarked;
