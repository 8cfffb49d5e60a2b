package dev.cairn.engine.attribute;

/**
 * A value refused for a declared attribute: which attribute, and why, naming the type and the
 * value.
 */
public record AttributeRefusal(String attribute, String message) {}
