package dev.cairn.ui.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Three doors. The HTTP API ({@code /v1/**}) has its own, where write keys are checked (see {@code
 * dev.cairn.ui.writekey}). The links in sent emails ({@code /t/**} tracking, {@code /u/**}
 * unsubscribe, {@code /p/**} preferences), SMS short links ({@code /s/**}), the API's description
 * ({@code /openapi.yaml}, {@code /swagger-ui.html}) and the Camunda Modeler element templates
 * ({@code /element-templates/**}): no login, no session. Everything else is the console: a login
 * form, then a session.
 */
@Configuration
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain publicLinks(HttpSecurity http) throws Exception {
    return http.securityMatcher(
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
