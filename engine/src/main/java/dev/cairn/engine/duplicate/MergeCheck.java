package dev.cairn.engine.duplicate;

/** Whether one contact can be merged into another, and what the merge would do. */
public sealed interface MergeCheck {

  record Possible(MergePreview preview) implements MergeCheck {}

  record Refused(MergeRefusal refusal) implements MergeCheck {}
}
