package dev.cairn.ui.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two doors. The event API, the links in sent emails ({@code /t/**} tracking, {@code /u/**}
 * unsubscribe, {@code /p/**} preferences), SMS short links ({@code /s/**}) and the Camunda Modeler
 * element templates ({@code /element-templates/**}): no login. The event API ({@code /v1/**},
 * described at {@code /openapi.yaml} and {@code /swagger-ui.html}) is called by servers and website
 * snippets: no session, no CSRF token, each request authenticated by its write key in the
 * controller, which answers a missing or unknown key with a problem document. Everything else is
 * the console: a login form, then a session.
 */
@Configuration
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain eventApi(HttpSecurity http) throws Exception {
    return http.securityMatcher(
            "/v1/**",
            "/t/**",
            "/u/**",
            "/p/**",
            "/c/**",
            "/s/**",
            "/sms/**",
            "/openapi.yaml",
            "/element-templates/**",
            "/swagger-ui.html",
            "/swagger-ui/**",
            "/v3/api-docs/swagger-config")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain console(HttpSecurity http) throws Exception {
    return http.with(vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
