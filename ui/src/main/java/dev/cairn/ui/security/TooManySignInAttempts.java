package dev.cairn.ui.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unchecked: too many wrong passwords for this account or from this address. */
final class TooManySignInAttempts extends AuthenticationException {

  TooManySignInAttempts(Duration wait) {
    super(
        "Too many wrong passwords for this account or from this address. Try again in "
            + Math.max(1, (wait.toSeconds() + 59) / 60)
            + " min, or ask an admin to set a new password.");
  }
}
