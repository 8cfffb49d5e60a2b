package dev.cairn.engine.decision;

/** One variant of an A/B split (its sequence flow's id) and its share in percent. */
public record SplitVariant(String flow, int weight) {}
