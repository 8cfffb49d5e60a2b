/**
 * Write keys: which keys may call the HTTP API and what each may call, checked once for every
 * {@code /v1/**} request with a per-key rate limit, and managed by admins in the console.
 */
@NullMarked
package dev.cairn.ui.writekey;

import org.jspecify.annotations.NullMarked;
