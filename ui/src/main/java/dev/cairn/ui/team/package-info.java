/**
 * The team: console accounts with their roles (admin, marketer, manager), invited by an admin with
 * a one-time link, deactivated by an admin, each changing their own password.
 */
@NullMarked
package dev.cairn.ui.team;

import org.jspecify.annotations.NullMarked;
