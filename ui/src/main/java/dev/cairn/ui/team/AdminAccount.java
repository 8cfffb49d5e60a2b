package dev.cairn.ui.team;

import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The console's first account, an admin. There is no default password: on first start Cairn makes
 * one up and prints it once, unless {@code cairn.admin.password} sets it (which also resets a
 * forgotten one, and re-activates the account). The admin invites the rest of the team.
 */
@Component
class AdminAccount {

  static final String USERNAME = "admin";
  private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConsoleUsers users;
  private final PasswordEncoder encoder;
  private final @Nullable String configuredPassword;

  AdminAccount(
      ConsoleUsers users,
      PasswordEncoder encoder,
      @Value("${cairn.admin.password:#{null}}") @Nullable String configuredPassword) {
    this.users = users;
    this.encoder = encoder;
    this.configuredPassword = configuredPassword;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ensureAdmin() {
    if (configuredPassword != null && !configuredPassword.isBlank()) {
      users.saveAdmin(USERNAME, encoder.encode(configuredPassword));
      return;
    }
    String password = generatePassword();
    if (!users.createAdminIfAbsent(USERNAME, encoder.encode(password))) {
      return;
    }
    log.warn(
        """

        ==================================================================
          Cairn console login (shown once, store it now):
            user:     {}
            password: {}
          Forgot it? Start Cairn with --cairn.admin.password=<new one>.
        ==================================================================
        """,
        USERNAME,
        password);
  }

  private static String generatePassword() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
