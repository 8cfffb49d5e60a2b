@NullMarked
package dev.cairn.channels.email;

import org.jspecify.annotations.NullMarked;
