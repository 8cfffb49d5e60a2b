package dev.cairn.engine.journey.language;

/** An end: the contact leaves the journey here. */
public record End() implements NodeKind {}
