@NullMarked
package dev.cairn.channels.template;

import org.jspecify.annotations.NullMarked;
