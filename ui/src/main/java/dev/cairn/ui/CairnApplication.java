package dev.cairn.ui;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** Cairn: the console, the API, and the journeys they drive. */
@SpringBootApplication(scanBasePackages = "dev.cairn")
@ConfigurationPropertiesScan("dev.cairn")
@EntityScan("dev.cairn")
@EnableJpaRepositories("dev.cairn")
public class CairnApplication {

  public static void main(String[] args) {
    SpringApplication.run(CairnApplication.class, args);
  }
}
