package dev.cairn.engine;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the whole engine shares. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  /** Wall-clock time; tests replace it to control time. */
  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
