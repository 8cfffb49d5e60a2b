package dev.cairn.engine.decision;

import dev.cairn.engine.segment.SegmentRule;

/** One path of a branch (its sequence flow's id) and the condition that leads down it. */
public record BranchPath(String flow, SegmentRule rule) {}
