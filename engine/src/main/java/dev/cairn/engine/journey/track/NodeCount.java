package dev.cairn.engine.journey.track;

/**
 * How many contacts are at a journey node now, have passed it, and left it early (the journey ended
 * or was stopped while they were there).
 */
public record NodeCount(String elementId, long now, long passed, long dropped) {}
