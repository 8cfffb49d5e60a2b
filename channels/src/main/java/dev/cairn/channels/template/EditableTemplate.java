package dev.cairn.channels.template;

import org.jspecify.annotations.Nullable;

/**
 * A template opened in the editor.
 *
 * @param source the source in use now
 * @param shippedSource what Reset to default brings back; null when Cairn ships no such template
 */
public record EditableTemplate(
    TemplateSummary summary, String source, @Nullable String shippedSource) {}
