/**
 * The journey step that changes a contact: an attribute or trait, a tag ("tag as onboarded"), or
 * consent ("sunset").
 */
@NullMarked
package dev.cairn.engine.contactupdate;

import org.jspecify.annotations.NullMarked;
