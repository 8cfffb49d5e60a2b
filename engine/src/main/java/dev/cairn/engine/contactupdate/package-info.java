/** The journey step that sets a contact attribute or trait ("tag as onboarded"). */
@NullMarked
package dev.cairn.engine.contactupdate;

import org.jspecify.annotations.NullMarked;
