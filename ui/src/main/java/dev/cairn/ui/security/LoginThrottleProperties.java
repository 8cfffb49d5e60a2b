package dev.cairn.ui.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many wrong passwords the console takes before it stops trying: per account, and per client
 * address (one address guessing many accounts). Each budget refills evenly over {@code per}; while
 * one is spent, even the right password is refused. Each replica counts on its own.
 *
 * @param attemptsPerAccount wrong passwords one account takes within {@code per}
 * @param attemptsPerAddress wrong passwords one client address makes within {@code per}
 * @param per the time over which the budgets refill
 */
@ConfigurationProperties("cairn.security.login")
record LoginThrottleProperties(
    Integer attemptsPerAccount, Integer attemptsPerAddress, Duration per) {

  LoginThrottleProperties {
    attemptsPerAccount = attemptsPerAccount == null ? 5 : attemptsPerAccount;
    attemptsPerAddress = attemptsPerAddress == null ? 20 : attemptsPerAddress;
    per = per == null ? Duration.ofMinutes(5) : per;
    if (attemptsPerAccount < 1 || attemptsPerAddress < 1) {
      throw new IllegalArgumentException(
          "cairn.security.login.attempts-per-account and attempts-per-address must be at least 1");
    }
    if (per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException(
          "cairn.security.login.per must be a positive duration such as 5m, was " + per);
    }
  }
}
