package dev.cairn.ui.writekey;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API's door: every {@code /v1/**} call passes the {@link WriteKeyFilter}; no session, no
 * CSRF token (callers are servers and website snippets, not a signed-in browser).
 */
@Configuration
class WriteKeySecurity {

  @Bean
  @Order(0)
  SecurityFilterChain writeKeyApi(
      HttpSecurity http,
      WriteKeys keys,
      ApiRateLimiter limiter,
      JsonMapper json,
      @Value("${cairn.api.max-batch-size:500KB}") DataSize maxBatchSize,
      ObjectProvider<SecurityContextHolderStrategy> strategies)
      throws Exception {
    // The filter is made here, not as a bean, so it guards this chain only and never every path.
    // It keeps the key where this application's chains look (the console's strategy, not the
    // JVM-wide holder another application in the same JVM may have replaced).
    WriteKeyFilter filter =
        new WriteKeyFilter(
            keys,
            limiter,
            json,
            (int) maxBatchSize.toBytes(),
            strategies.getIfUnique(SecurityContextHolder::getContextHolderStrategy));
    return http.securityMatcher("/v1/**")
        .addFilterBefore(filter, AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            requests -> requests.anyRequest().hasAnyAuthority("SCOPE_SOURCE", "SCOPE_SERVER"))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .build();
  }
}
