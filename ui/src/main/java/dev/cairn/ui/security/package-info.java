/**
 * Who may do what: the console needs a login, the event API authenticates with write keys (see
 * {@code dev.cairn.ui.api}), tracking links are public.
 */
@NullMarked
package dev.cairn.ui.security;

import org.jspecify.annotations.NullMarked;
