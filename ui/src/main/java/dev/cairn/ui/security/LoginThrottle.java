package dev.cairn.ui.security;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Counts wrong passwords per account and per client address, in token buckets. */
@Component
class LoginThrottle {

  /** Above this many remembered buckets, those back to full are forgotten. */
  private static final int REMEMBERED = 10_000;

  private final LoginThrottleProperties properties;
  private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();
  private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();

  LoginThrottle(LoginThrottleProperties properties) {
    this.properties = properties;
  }

  /** Empty when a sign-in may be tried now; otherwise how long until it may. */
  Optional<Duration> waitBefore(String account, String address) {
    long nanos = Math.max(waitNanos(accounts.get(key(account))), waitNanos(addresses.get(address)));
    return nanos > 0 ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
  }

  void failed(String account, String address) {
    forgetFullBuckets(accounts, properties.attemptsPerAccount());
    forgetFullBuckets(addresses, properties.attemptsPerAddress());
    accounts
        .computeIfAbsent(key(account), k -> bucket(properties.attemptsPerAccount()))
        .tryConsume(1);
    addresses.computeIfAbsent(address, k -> bucket(properties.attemptsPerAddress())).tryConsume(1);
  }

  private static long waitNanos(Bucket bucket) {
    return bucket == null ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
  }

  private Bucket bucket(int attempts) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(attempts).refillGreedy(attempts, properties.per()))
        .build();
  }

  private static void forgetFullBuckets(Map<String, Bucket> buckets, int capacity) {
    if (buckets.size() > REMEMBERED) {
      buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
    }
  }

  private static String key(String account) {
    return account.strip().toLowerCase(Locale.ROOT);
  }
}
