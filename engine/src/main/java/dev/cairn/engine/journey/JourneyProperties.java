package dev.cairn.engine.journey;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Journey settings.
 *
 * @param longestWait when set, every timer in a published journey waits at most this long; for
 *     demos and tests that cannot wait days (unset in production)
 * @param publishOnInstall library journeys published on first start
 */
@ConfigurationProperties("cairn.journeys")
public record JourneyProperties(@Nullable Duration longestWait, List<String> publishOnInstall) {

  public JourneyProperties {
    publishOnInstall = publishOnInstall == null ? List.of("welcome") : List.copyOf(publishOnInstall);
  }
}
