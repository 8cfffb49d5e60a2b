/** Cairn's HTTP API: the Segment-compatible event endpoints and their error answers. */
@NullMarked
package dev.cairn.ui.api;

import org.jspecify.annotations.NullMarked;
