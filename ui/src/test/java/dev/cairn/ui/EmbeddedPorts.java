package dev.cairn.ui;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Lets tests run beside a Cairn on the default ports: the embedded database picks a free port. */
final class EmbeddedPorts {

  private EmbeddedPorts() {}

  static void register(DynamicPropertyRegistry registry) {
    registry.add("cairn.database.embedded.port", () -> 0);
  }
}
