package dev.cairn.channels;

import dev.cairn.channels.delivery.SendPolicyProperties;
import dev.cairn.channels.recommendation.RecommendationProperties;
import dev.cairn.engine.consent.ConsentProperties;
import dev.cairn.engine.contact.ContactProperties;
import dev.cairn.engine.contact.Contacts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * What a channel's step touches, and nothing more: contacts, events, consent, the delivery ledger,
 * the send policy and templates, on a real PostgreSQL with Cairn's migrations. No broker: the tests
 * call the steps and the callbacks as the job worker and the controller would. One slice for every
 * channel's tests, so they share one database.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EntityScan(basePackageClasses = Contacts.class)
@EnableJpaRepositories(basePackageClasses = Contacts.class)
@EnableConfigurationProperties({
  ContactProperties.class,
  ConsentProperties.class,
  SendPolicyProperties.class,
  RecommendationProperties.class
})
@ComponentScan(
    basePackages = {"dev.cairn.engine", "dev.cairn.channels"},
    useDefaultFilters = false,
    includeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern = {
              "dev\\.cairn\\.engine\\.contact\\.(Contacts|ContactMerges)",
              "dev\\.cairn\\.engine\\.event\\.(EventIngestion|EventFeed)",
              "dev\\.cairn\\.engine\\.consent\\.Consents",
              "dev\\.cairn\\.engine\\.attribute\\.Attributes",
              "dev\\.cairn\\.channels\\.delivery\\.(DeliveryLedger|SendPolicy)",
              "dev\\.cairn\\.channels\\.template\\.(Templates|DatabaseTemplateOverrides)",
              "dev\\.cairn\\.channels\\.bounce\\.Bounces",
              "dev\\.cairn\\.channels\\.recommendation\\.ProductRecommendations"
            }))
public class ChannelSlice {

  public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Bean(destroyMethod = "close")
  EmbeddedPostgres postgres() throws IOException {
    return EmbeddedPostgres.builder().start();
  }

  @Bean
  DataSource dataSource(EmbeddedPostgres postgres) {
    return postgres.getPostgresDatabase();
  }

  /** Midday UTC: no quiet hours get in the way. */
  @Bean
  Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }
}
