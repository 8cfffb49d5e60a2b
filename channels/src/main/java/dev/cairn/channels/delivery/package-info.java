@NullMarked
package dev.cairn.channels.delivery;

import org.jspecify.annotations.NullMarked;
