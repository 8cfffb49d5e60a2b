package dev.cairn.channels.email;

/** A rendered email. */
record Email(long messageId, String to, String subject, String html, String text) {}
