/** Checks of the Camunda Modeler element templates Cairn ships for its journey palette. */
@NullMarked
package dev.cairn.journeys.elementtemplates;

import org.jspecify.annotations.NullMarked;
