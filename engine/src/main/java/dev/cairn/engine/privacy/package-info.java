/**
 * A person's rights over their data: a copy of everything Cairn keeps about a contact (GDPR
 * access), and erasure of all of it, journeys included (GDPR erasure).
 */
@NullMarked
package dev.cairn.engine.privacy;

import org.jspecify.annotations.NullMarked;
