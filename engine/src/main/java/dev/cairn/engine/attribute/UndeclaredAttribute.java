package dev.cairn.engine.attribute;

/**
 * A trait seen in contacts' data that no one declared, with the type its sampled values suggest.
 */
public record UndeclaredAttribute(String name, long contacts, AttributeType suggestedType) {}
