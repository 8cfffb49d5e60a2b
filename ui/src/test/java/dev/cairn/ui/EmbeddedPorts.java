package dev.cairn.ui;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Lets tests run beside a Cairn on the default ports: the broker and database pick free ports. */
final class EmbeddedPorts {

  private EmbeddedPorts() {}

  static void register(DynamicPropertyRegistry registry) {
    registry.add("cairn.zeebe.embedded.gateway-port", () -> 0);
    registry.add("cairn.database.embedded.port", () -> 0);
  }
}
