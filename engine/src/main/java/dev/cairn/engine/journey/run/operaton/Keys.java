package dev.cairn.engine.journey.run.operaton;

/**
 * The engine's identifiers as the numbers Cairn keys its rows by. The engine hands out numeric ids
 * from its database (one block at a time, safe across replicas); activity instance ids and
 * definition ids end in such a number ({@code send-welcome:4711}, {@code welcome:3:4702}).
 */
final class Keys {

  private Keys() {}

  static long of(String engineId) {
    int colon = engineId.lastIndexOf(':');
    return Long.parseLong(colon < 0 ? engineId : engineId.substring(colon + 1));
  }

  static String id(long key) {
    return Long.toString(key);
  }
}
