package dev.cairn.ui.writekey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many API calls one write key may make: {@code requests} per {@code per}, refilled evenly, a
 * batch counting as one call. Each replica counts on its own, so with two replicas behind a load
 * balancer a key may make up to twice as many.
 *
 * @param source the limit of each source key (all visitors of a website share one)
 * @param server the limit of each server key
 */
@ConfigurationProperties("cairn.api.rate-limit")
record ApiRateLimitProperties(Limit source, Limit server) {

  ApiRateLimitProperties {
    source = source == null ? new Limit(500, Duration.ofSeconds(1)) : source;
    server = server == null ? new Limit(1000, Duration.ofSeconds(1)) : server;
  }

  Limit of(WriteKeyScope scope) {
    return switch (scope) {
      case SOURCE -> source;
      case SERVER -> server;
    };
  }

  /** {@code requests} calls per {@code per}. */
  record Limit(int requests, Duration per) {
    Limit {
      if (requests < 1) {
        throw new IllegalArgumentException(
            "cairn.api.rate-limit.*.requests must be at least 1, was " + requests);
      }
      per = per == null ? Duration.ofSeconds(1) : per;
      if (per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException(
            "cairn.api.rate-limit.*.per must be a positive duration such as 1s or 1m, was " + per);
      }
    }
  }
}
