package dev.cairn.ui.writekey;

/**
 * A key just created or rotated, with the secret to hand to the sender: shown this once, then only
 * its hash is kept.
 */
public record NewWriteKey(WriteKey key, String secret) {}
