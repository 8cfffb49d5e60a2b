package dev.cairn.ui.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;

/** The console's sign-in page. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Cairn")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

  private final LoginForm form = new LoginForm();

  public LoginView() {
    setSizeFull();
    setAlignItems(FlexComponent.Alignment.CENTER);
    setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
    form.setAction("login");
    form.setForgotPasswordButtonVisible(false);
    Paragraph hint =
        new Paragraph(
            "First start? The password was printed in Cairn's log, next to \"Cairn console login\".");
    hint.getStyle().set("max-width", "22rem").set("color", "var(--lumo-secondary-text-color)");
    add(new H1("Cairn"), form, hint);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    boolean failed = event.getLocation().getQueryParameters().getParameters().containsKey("error");
    form.setI18n(messages(failed ? lastFailure() : null));
    form.setError(failed);
  }

  /** The form's words, with the reason of a refused sign-in when it was not the password. */
  private static LoginI18n messages(@Nullable AuthenticationException failure) {
    LoginI18n i18n = LoginI18n.createDefault();
    if (failure instanceof TooManySignInAttempts) {
      i18n.getErrorMessage().setTitle("Too many attempts");
      i18n.getErrorMessage().setMessage(failure.getMessage());
    }
    return i18n;
  }

  /** Spring Security keeps why the last sign-in failed in the session it redirected from. */
  private static @Nullable AuthenticationException lastFailure() {
    VaadinServletRequest request = VaadinServletRequest.getCurrent();
    HttpSession session =
        request == null ? null : request.getHttpServletRequest().getSession(false);
    return session != null
            && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
                instanceof AuthenticationException failure
        ? failure
        : null;
  }
}
