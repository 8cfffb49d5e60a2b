package dev.cairn.ui.api;

/** One thing wrong with a request body, naming the field (JSON pointer style) and the fix. */
record FieldError(String field, String message) {}
