package dev.cairn.ui.writekey;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** One token bucket per write key, sized by the key's scope. */
@Component
class ApiRateLimiter {

  private final ApiRateLimitProperties properties;
  private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

  ApiRateLimiter(ApiRateLimitProperties properties) {
    this.properties = properties;
  }

  /** Empty when the key may make this call now; otherwise how long it has to wait. */
  Optional<Duration> tryCall(WriteKey key) {
    ConsumptionProbe probe =
        buckets
            .computeIfAbsent(key.id(), id -> bucket(properties.of(key.scope())))
            .tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  private static Bucket bucket(ApiRateLimitProperties.Limit limit) {
    return Bucket.builder()
        .addLimit(
            bandwidth ->
                bandwidth.capacity(limit.requests()).refillGreedy(limit.requests(), limit.per()))
        .build();
  }
}
