/**
 * What the designer keeps of a journey besides what runs: the draft a marketer is drawing (saved as
 * they draw, apart from the published diagram) and the drawing of every version published, with who
 * published it, so an older version can be opened and restored.
 */
@NullMarked
package dev.cairn.engine.journey.draft;

import org.jspecify.annotations.NullMarked;
