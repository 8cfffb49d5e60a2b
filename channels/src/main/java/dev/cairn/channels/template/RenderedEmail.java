package dev.cairn.channels.template;

import org.jspecify.annotations.Nullable;

/**
 * An email's HTML, rendered from a template and its layout.
 *
 * @param subject the subject the template set with {@code {% subject %}}; null when it set none and
 *     the step's subject stands
 */
public record RenderedEmail(String html, @Nullable String subject) {}
