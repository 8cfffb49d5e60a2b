package dev.cairn.channels.template;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Templates and the edited ones kept in a real PostgreSQL with Cairn's migrations; the shipped
 * templates are the test classpath's ({@code greeting}, {@code broken}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({Templates.class, DatabaseTemplateOverrides.class, TemplateLibrary.class})
class TemplateSlice {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Bean(destroyMethod = "close")
  EmbeddedPostgres postgres() throws IOException {
    return EmbeddedPostgres.builder().start();
  }

  /** Pooled, as in the application: a render's lookup should not pay for a new connection. */
  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(postgres.getPostgresDatabase());
    pool.setMaximumPoolSize(4);
    return new HikariDataSource(pool);
  }

  /** Fixed: two saves share a timestamp, so only the revision can tell them apart. */
  @Bean
  Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }
}
