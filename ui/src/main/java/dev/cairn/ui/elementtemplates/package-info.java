/** Cairn's Camunda Modeler element templates, downloadable from the running application. */
@NullMarked
package dev.cairn.ui.elementtemplates;

import org.jspecify.annotations.NullMarked;
