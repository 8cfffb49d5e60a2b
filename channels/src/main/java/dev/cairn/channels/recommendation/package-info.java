/** "Customers who bought this also bought": products to show in an email, from purchase events. */
@NullMarked
package dev.cairn.channels.recommendation;

import org.jspecify.annotations.NullMarked;
