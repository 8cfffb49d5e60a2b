/** The public pages an email's recipient reaches: open pixel, click redirects, unsubscribe. */
@NullMarked
package dev.cairn.ui.tracking;

import org.jspecify.annotations.NullMarked;
