package dev.cairn.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.server.LoadDependenciesOnStartup;
import com.vaadin.flow.theme.lumo.Lumo;
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
// The console is one app for a few signed-in users: load every component up front rather than per
// view, so a component one view adds never goes missing from another view's lazily loaded chunk.
@LoadDependenciesOnStartup
// Work that runs on after a click (an import of 100,000 rows) shows its progress as it goes; the
// websocket falls back to long polling where a proxy does not pass it. Views that refresh on a
// timer keep polling: push adds nothing there.
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
public class CairnApplication implements AppShellConfigurator {

  public static void main(String[] args) {
    SpringApplication.run(CairnApplication.class, args);
  }

  /**
   * The browser tab shows Cairn's icon (and asks for no {@code /favicon.ico}, which is not served).
   */
  @Override
  public void configurePage(AppShellSettings settings) {
    settings.addFavIcon("icon", "icons/cairn.svg", "any");
  }
}
