package dev.cairn.ui.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks console passwords against the stored hashes, refusing without checking while the account
 * or the client's address has used up its wrong attempts (see {@link LoginThrottle}).
 */
@Component
class ThrottledSignIn implements AuthenticationProvider {

  private final LoginThrottle throttle;
  private final DaoAuthenticationProvider passwords;

  ThrottledSignIn(LoginThrottle throttle, UserDetailsService users, PasswordEncoder encoder) {
    this.throttle = throttle;
    this.passwords = new DaoAuthenticationProvider(users);
    this.passwords.setPasswordEncoder(encoder);
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String account = authentication.getName() == null ? "" : authentication.getName();
    String address =
        authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null
            ? details.getRemoteAddress()
            : "unknown";
    var wait = throttle.waitBefore(account, address);
    if (wait.isPresent()) {
      throw new TooManySignInAttempts(wait.get());
    }
    try {
      return passwords.authenticate(authentication);
    } catch (BadCredentialsException e) {
      throttle.failed(account, address);
      throw e;
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
