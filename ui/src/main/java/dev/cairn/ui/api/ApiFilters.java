package dev.cairn.ui.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The servlet filters in front of every {@code /v1/*} endpoint. */
@Configuration(proxyBeanMethods = false)
class ApiFilters {

  @Bean
  FilterRegistrationBean<GzipBodies> gzipBodies(ApiProperties properties) {
    FilterRegistrationBean<GzipBodies> registration =
        new FilterRegistrationBean<>(new GzipBodies(properties));
    registration.addUrlPatterns("/v1/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
