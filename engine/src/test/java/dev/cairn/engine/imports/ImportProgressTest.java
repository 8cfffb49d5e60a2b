package dev.cairn.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImportProgressTest {

  @Test
  void the_share_done_is_rows_read_of_the_file_s_rows() {
    ImportProgress halfway = new ImportProgress(2_000, 8_000, 1_900, 80, 20);

    assertThat(halfway.fraction()).isEqualTo(0.25);
    assertThat(halfway.finished()).isFalse();
    assertThat(new ImportProgress(8_000, 8_000, 7_600, 320, 80).finished()).isTrue();
  }

  @Test
  void a_file_without_data_rows_is_done_at_once() {
    assertThat(new ImportProgress(0, 0, 0, 0, 0).fraction()).isEqualTo(1.0);
  }

  @Test
  void more_rows_read_than_the_file_has_or_negative_counts_are_a_bug() {
    assertThatThrownBy(() -> new ImportProgress(11, 10, 0, 0, 0))
        .hasMessageContaining("11 rows read of a file counted with 10");
    assertThatThrownBy(() -> new ImportProgress(1, 10, -1, 0, 0))
        .hasMessageContaining("never negative");
  }
}
