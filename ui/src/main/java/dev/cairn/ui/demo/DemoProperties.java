package dev.cairn.ui.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo settings.
 *
 * @param enabled seed sample contacts on first start and keep simulating customer events
 * @param contacts how many sample contacts to create
 * @param tick how often the simulator acts
 */
@ConfigurationProperties("cairn.demo")
record DemoProperties(boolean enabled, int contacts, Duration tick) {

  DemoProperties {
    contacts = contacts <= 0 ? 300 : contacts;
    tick = tick == null ? Duration.ofSeconds(3) : tick;
  }
}
