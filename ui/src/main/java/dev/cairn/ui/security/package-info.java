/**
 * Who may do what: the console needs a sign-in (throttled against guessing) and each page and
 * change checks the user's role; the HTTP API authenticates with write keys (see {@code
 * dev.cairn.ui.writekey}); tracking links are public.
 */
@NullMarked
package dev.cairn.ui.security;

import org.jspecify.annotations.NullMarked;
