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
 * @param testRunWait how long any wait lasts in a test run, so a marketer sees the whole journey in
 *     a minute instead of days
 */
@ConfigurationProperties("cairn.journeys")
public record JourneyProperties(
    @Nullable Duration longestWait, List<String> publishOnInstall, Duration testRunWait) {

  static final Duration DEFAULT_TEST_RUN_WAIT = Duration.ofSeconds(5);

  public JourneyProperties {
    publishOnInstall =
        publishOnInstall == null ? List.of("welcome") : List.copyOf(publishOnInstall);
    testRunWait =
        testRunWait == null || testRunWait.isNegative() || testRunWait.isZero()
            ? DEFAULT_TEST_RUN_WAIT
            : testRunWait;
  }
}
