package dev.cairn.engine.duplicate;

/** How a merge ended: done, with what it moved, or refused with nothing changed. */
public sealed interface MergeResult {

  record Merged(MergePreview moved) implements MergeResult {}

  record Refused(MergeRefusal refusal) implements MergeResult {}
}
