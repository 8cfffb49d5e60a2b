package dev.cairn.ui.team;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The team's accounts: admins invite people with a role and deactivate them; everyone changes their
 * own password. An invited person sets their first password through a one-time link that works for
 * a week.
 */
@Service
public class TeamMembers {

  /** Long enough that guessing is hopeless even without the sign-in throttle. */
  public static final int SHORTEST_PASSWORD = 12;

  /** The answer to a password change whose current password was wrong. */
  public static final String WRONG_PASSWORD = "That is not your current password.";

  static final Duration INVITE_LIFETIME = Duration.ofDays(7);
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private final Clock clock;
  private final String publicUrl;
  private final SecurityContextHolderStrategy securityContexts;

  TeamMembers(
      JdbcClient jdbc,
      PasswordEncoder encoder,
      Clock clock,
      @Value("${cairn.tracking.public-url:http://localhost:8080}") String publicUrl,
      ObjectProvider<SecurityContextHolderStrategy> securityContexts) {
    // The holder method security reads: this application's, not a JVM-wide one another
    // application in the same JVM may have replaced.
    this.securityContexts =
        securityContexts.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.clock = clock;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  @PreAuthorize("hasRole('ADMIN')")
  @Transactional(readOnly = true)
  public List<TeamMember> all() {
    return jdbc.sql(
            "select username, email, role, active, created_at from app_user order by active desc, username")
        .query((rs, row) -> read(rs))
        .list();
  }

  /**
   * Creates the account and the one-time link with which its owner sets a password. The account
   * cannot be signed in to until then.
   */
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  public TeamChange invite(String username, String email, Role role) {
    String name = username.strip().toLowerCase(java.util.Locale.ROOT);
    String address = email.strip();
    if (!USERNAME.matcher(name).matches()) {
      return new TeamChange.Refused(
          "A user name is 2 to 64 letters, digits, dots, dashes or @, e.g. \"greta\" or \"greta.m\".");
    }
    if (!EMAIL.matcher(address).matches()) {
      return new TeamChange.Refused(
          "\""
              + address
              + "\" is not an email address; the invitation needs one, e.g. greta@acme.com.");
    }
    int created =
        jdbc.sql(
                """
                insert into app_user (username, password_hash, role, email, invited_by)
                values (:username, :hash, :role, :email, :invitedBy)
                on conflict (username) do nothing
                """)
            .param("username", name)
            // Nobody knows this password: the account is unusable until the link sets one.
            .param("hash", encoder.encode(randomToken()))
            .param("role", role.name())
            .param("email", address)
            .param("invitedBy", signedIn())
            .update();
    if (created == 0) {
      return new TeamChange.Refused(
          "There is already an account \"" + name + "\"; choose another user name.");
    }
    String token = randomToken();
    jdbc.sql(
            "insert into app_user_invite (token_hash, username, expires_at) values (:hash, :username, :expires)")
        .param("hash", hash(token))
        .param("username", name)
        .param("expires", java.sql.Timestamp.from(clock.instant().plus(INVITE_LIFETIME)))
        .update();
    return new TeamChange.Invited(find(name).orElseThrow(), publicUrl + "/invite/" + token);
  }

  /** Turns an account off (its owner can no longer sign in) or on again. */
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  public TeamChange setActive(String username, boolean active) {
    if (!active && username.equals(signedIn())) {
      return new TeamChange.Refused(
          "You cannot deactivate your own account; ask another admin to do it.");
    }
    jdbc.sql("update app_user set active = :active where username = :username")
        .param("active", active)
        .param("username", username)
        .update();
    return new TeamChange.Done();
  }

  /** Changes the signed-in user's password, after checking their current one. */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public TeamChange changeOwnPassword(String current, String chosen) {
    String username = signedIn();
    Optional<String> stored =
        jdbc.sql("select password_hash from app_user where username = :username")
            .param("username", username)
            .query(String.class)
            .optional();
    if (stored.isEmpty() || !encoder.matches(current, stored.get())) {
      return new TeamChange.Refused(WRONG_PASSWORD);
    }
    Optional<String> weak = weakness(chosen);
    if (weak.isPresent()) {
      return new TeamChange.Refused(weak.get());
    }
    setPassword(username, chosen);
    return new TeamChange.Done();
  }

  /** The user name an unused, unexpired invitation link is for. */
  @Transactional(readOnly = true)
  public Optional<String> invitedBy(String token) {
    return jdbc.sql(
            """
            select i.username from app_user_invite i join app_user u on u.username = i.username
            where i.token_hash = :hash and i.used_at is null and i.expires_at > :now and u.active
            """)
        .param("hash", hash(token))
        .param("now", java.sql.Timestamp.from(clock.instant()))
        .query(String.class)
        .optional();
  }

  /** Sets the invited person's first password; the link works only this once. */
  @Transactional
  public TeamChange acceptInvite(String token, String chosen) {
    Optional<String> username = invitedBy(token);
    if (username.isEmpty()) {
      return new TeamChange.Refused(
          "This invitation link was used already, has expired or was withdrawn; ask an admin for a new one.");
    }
    Optional<String> weak = weakness(chosen);
    if (weak.isPresent()) {
      return new TeamChange.Refused(weak.get());
    }
    jdbc.sql("update app_user_invite set used_at = :now where token_hash = :hash")
        .param("now", java.sql.Timestamp.from(clock.instant()))
        .param("hash", hash(token))
        .update();
    setPassword(username.get(), chosen);
    return new TeamChange.Done();
  }

  /** Whether the account may still be used: false once an admin deactivated it. */
  @Transactional(readOnly = true)
  public boolean isActive(String username) {
    return jdbc.sql("select active from app_user where username = :username")
        .param("username", username)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  static Optional<String> weakness(String password) {
    if (password.length() < SHORTEST_PASSWORD) {
      return Optional.of(
          "A password needs at least "
              + SHORTEST_PASSWORD
              + " characters; a few unrelated words make a good one.");
    }
    return Optional.empty();
  }

  private void setPassword(String username, String password) {
    jdbc.sql("update app_user set password_hash = :hash where username = :username")
        .param("hash", encoder.encode(password))
        .param("username", username)
        .update();
  }

  private Optional<TeamMember> find(String username) {
    return jdbc.sql(
            "select username, email, role, active, created_at from app_user where username = :username")
        .param("username", username)
        .query((rs, row) -> read(rs))
        .optional();
  }

  private @Nullable String signedInOrNull() {
    var authentication = securityContexts.getContext().getAuthentication();
    return authentication == null ? null : authentication.getName();
  }

  private String signedIn() {
    String name = signedInOrNull();
    if (name == null) {
      throw new IllegalStateException("No one is signed in; method security lets no one here");
    }
    return name;
  }

  private static TeamMember read(ResultSet rs) throws SQLException {
    Instant created = rs.getTimestamp("created_at").toInstant();
    return new TeamMember(
        rs.getString("username"),
        rs.getString("email"),
        Role.valueOf(rs.getString("role")),
        rs.getBoolean("active"),
        created);
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
