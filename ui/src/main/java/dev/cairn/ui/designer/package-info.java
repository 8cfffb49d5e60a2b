/**
 * The journey designer: a marketer draws a journey on a bpmn-js canvas with Cairn's own palette,
 * configures each step in a properties panel in their words, sees problems as they draw, test-runs
 * the draft and publishes it; drafts save themselves and every published version can be restored.
 */
@NullMarked
package dev.cairn.ui.designer;

import org.jspecify.annotations.NullMarked;
