package dev.cairn.ui.team;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console accounts as Spring Security reads them at sign-in: password hash, role, and whether an
 * admin deactivated the account.
 */
@Service
class ConsoleUsers implements UserDetailsService {

  private final JdbcClient jdbc;

  ConsoleUsers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  @Transactional(readOnly = true)
  public UserDetails loadUserByUsername(String username) {
    return jdbc.sql(
            "select username, password_hash, role, active from app_user where username = :username")
        .param("username", username)
        .query(
            (rs, row) ->
                User.withUsername(rs.getString("username"))
                    .password(rs.getString("password_hash"))
                    .authorities(
                        List.of(
                            new SimpleGrantedAuthority(
                                Role.valueOf(rs.getString("role")).authority())))
                    .disabled(!rs.getBoolean("active"))
                    .build())
        .optional()
        .orElseThrow(() -> new UsernameNotFoundException("No console user " + username));
  }

  /**
   * Creates the admin account unless it exists; false when it did. Safe when several Cairn
   * instances start at once against one database: only one of them creates it.
   */
  @Transactional
  boolean createAdminIfAbsent(String username, String passwordHash) {
    return jdbc.sql(
                """
                insert into app_user (username, password_hash, role) values (:username, :hash, 'ADMIN')
                on conflict (username) do nothing
                """)
            .param("username", username)
            .param("hash", passwordHash)
            .update()
        == 1;
  }

  /** Creates the admin account, or sets its password (and makes it an active admin again). */
  @Transactional
  void saveAdmin(String username, String passwordHash) {
    jdbc.sql(
            """
            insert into app_user (username, password_hash, role) values (:username, :hash, 'ADMIN')
            on conflict (username) do update
              set password_hash = excluded.password_hash, role = 'ADMIN', active = true
            """)
        .param("username", username)
        .param("hash", passwordHash)
        .update();
  }
}
