package dev.cairn.ui.team;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.stereotype.Component;

/**
 * Signs out, at their next click on a link or page, someone whose account an admin deactivated
 * while they were signed in: deactivation stops a session already open, not only the next sign-in.
 */
@Component
class DeactivatedSignOut implements VaadinServiceInitListener {

  private final TeamMembers team;
  private final AuthenticationContext authentication;

  DeactivatedSignOut(TeamMembers team, AuthenticationContext authentication) {
    this.team = team;
    this.authentication = authentication;
  }

  @Override
  public void serviceInit(ServiceInitEvent event) {
    event
        .getSource()
        .addUIInitListener(
            init ->
                init.getUI()
                    .addBeforeEnterListener(
                        enter ->
                            authentication
                                .getPrincipalName()
                                .filter(username -> !team.isActive(username))
                                .ifPresent(username -> authentication.logout())));
  }
}
