package dev.cairn.ui.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.ui.CairnIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Console sign-in under attack: after a few wrong passwords for one account, or many from one
 * address, even the right password is refused for a while; other accounts and addresses are not.
 */
class SignInThrottleTest extends CairnIntegrationTest {

  private static final int PER_ACCOUNT = 5;
  private static final int PER_ADDRESS = 20;

  @Autowired ThrottledSignIn signIn;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder encoder;

  @Test
  void after_five_wrong_passwords_for_an_account_the_right_one_is_refused_too() {
    String account = user("right-password");
    for (int attempt = 0; attempt < PER_ACCOUNT; attempt++) {
      assertThatThrownBy(() -> signIn(account, "guess-" + UUID.randomUUID(), "198.51.100.1"))
          .isInstanceOf(BadCredentialsException.class);
    }

    assertThatThrownBy(() -> signIn(account, "right-password", "198.51.100.2"))
        .isInstanceOf(TooManySignInAttempts.class)
        .hasMessageContaining("Try again in");
    // Another account is not held up by it.
    String colleague = user("colleague-password");
    assertThat(signIn(colleague, "colleague-password", "198.51.100.1").isAuthenticated()).isTrue();
  }

  @Test
  void an_address_that_guesses_many_accounts_is_refused_even_for_a_right_password() {
    String address = "203.0.113." + (1 + (int) (Math.random() * 250));
    for (int attempt = 0; attempt < PER_ADDRESS; attempt++) {
      String guessed = "nobody-" + UUID.randomUUID();
      assertThatThrownBy(() -> signIn(guessed, "password", address))
          .isInstanceOf(BadCredentialsException.class);
    }
    String account = user("right-password");

    assertThatThrownBy(() -> signIn(account, "right-password", address))
        .isInstanceOf(TooManySignInAttempts.class);
    assertThat(signIn(account, "right-password", "192.0.2.10").isAuthenticated()).isTrue();
  }

  private Authentication signIn(String account, String password, String address) {
    var attempt = UsernamePasswordAuthenticationToken.unauthenticated(account, password);
    attempt.setDetails(new WebAuthenticationDetails(address, null));
    return signIn.authenticate(attempt);
  }

  private String user(String password) {
    String username = "user-" + UUID.randomUUID();
    jdbc.sql("insert into app_user (username, password_hash) values (:username, :hash)")
        .param("username", username)
        .param("hash", encoder.encode(password))
        .update();
    return username;
  }
}
