package dev.cairn.engine.contact;

/** A trait value Cairn left out because it was not valid, and why. */
public record TraitProblem(String trait, String message) {}
