package dev.cairn.ui.designer;

import org.jspecify.annotations.Nullable;

/**
 * Something to fix before publishing ({@code error}), or worth a look (a drawing warning), on the
 * element it belongs to; from Cairn's validator or from bpmnlint.
 */
record DesignProblem(@Nullable String elementId, String message, boolean error) {}
