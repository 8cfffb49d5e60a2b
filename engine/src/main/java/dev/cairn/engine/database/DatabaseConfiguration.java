package dev.cairn.engine.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.engine.home.CairnHome;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Cairn's database: PostgreSQL it runs itself (the default), or yours. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      name = "cairn.database.mode",
      havingValue = "embedded",
      matchIfMissing = true)
  static class Embedded {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(CairnHome home, DatabaseProperties properties) {
      return EmbeddedPostgresServer.start(home, properties.embedded());
    }

    @Bean
    DatabaseConnection databaseConnection(EmbeddedPostgresServer server) {
      return server.connection();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseConnection connection, DatabaseProperties properties) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("cairn");
      config.setJdbcUrl(connection.jdbcUrl());
      config.setUsername(connection.user());
      config.setPassword(connection.password());
      config.setMaximumPoolSize(properties.pool().maxSize());
      config.setMinimumIdle(properties.pool().minIdle());
      config.setIdleTimeout(Duration.ofMinutes(1).toMillis());
      return new HikariDataSource(config);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "cairn.database.mode", havingValue = "external")
  static class External {

    /** An external PostgreSQL, as {@code spring.datasource.*} says. */
    @Bean
    DatabaseConnection databaseConnection(DataSourceProperties properties) {
      if (properties.getUrl() == null || properties.getUrl().isBlank()) {
        throw new IllegalStateException(
            "cairn.database.mode=external needs spring.datasource.url, e.g. jdbc:postgresql://db.example.com:5432/cairn");
      }
      return new DatabaseConnection(
          properties.getUrl(), properties.getUsername(), properties.getPassword());
    }
  }
}
