package dev.cairn.ui.security;

import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Every change a console button makes on a page managers may read (journeys, contacts), and every
 * export of contact data, passes through here: method security refuses it unless the signed-in user
 * is an admin or a marketer. The pages also leave such buttons out for managers; this is what holds
 * should a click reach the server anyway.
 */
@Component
public class ConsoleChanges {

  private final SecurityContextHolderStrategy securityContexts;

  /** Reads the holder method security reads: this application's own. */
  ConsoleChanges(ObjectProvider<SecurityContextHolderStrategy> securityContexts) {
    this.securityContexts =
        securityContexts.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
  }

  private static final String MAY_CHANGE = "hasAnyRole('ADMIN', 'MARKETER')";

  /** Makes the change and answers what it answered, if the signed-in user may change things. */
  @PreAuthorize(MAY_CHANGE)
  public <T> T make(Supplier<T> change) {
    return change.get();
  }

  /** Makes the change, if the signed-in user may change things. */
  @PreAuthorize(MAY_CHANGE)
  public void make(Runnable change) {
    change.run();
  }

  /** Hands out contact data (a contact's JSON, a CSV of contacts), if the user may export. */
  @PreAuthorize(MAY_CHANGE)
  public <T> T export(Supplier<T> export) {
    return export.get();
  }

  /** Whether the signed-in user may change things: what the pages ask to show their buttons. */
  public boolean allowed() {
    var authentication = securityContexts.getContext().getAuthentication();
    return authentication != null
        && authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(role -> role.equals("ROLE_ADMIN") || role.equals("ROLE_MARKETER"));
  }
}
