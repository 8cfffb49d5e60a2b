package dev.cairn.engine.home;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CairnHomeTest {

  @TempDir Path dir;

  @Test
  void a_data_directory_of_the_zeebe_era_is_refused_with_how_to_start_afresh() throws Exception {
    Files.createDirectories(dir.resolve("zeebe"));

    assertThatThrownBy(() -> new CairnHome(dir).refuseZeebeEraData())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ran journeys on a Zeebe broker")
        .hasMessageContaining("mv " + dir.toAbsolutePath().normalize())
        .hasMessageContaining("--cairn.data-dir=");
  }

  @Test
  void a_fresh_or_current_data_directory_is_accepted() throws Exception {
    Files.createDirectories(dir.resolve("postgres"));

    assertThatCode(() -> new CairnHome(dir).refuseZeebeEraData()).doesNotThrowAnyException();
  }
}
