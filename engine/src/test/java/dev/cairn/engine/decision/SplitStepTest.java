package dev.cairn.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SplitStepTest {

  private static final List<SplitVariant> VARIANTS =
      List.of(
          new SplitVariant("a", 45), new SplitVariant("b", 45), new SplitVariant("holdout", 10));

  @Test
  void a_contact_always_gets_the_same_variant_of_a_split() {
    String contact = UUID.randomUUID().toString();

    String first = SplitStep.assign(contact, "subject-test", VARIANTS);

    for (int i = 0; i < 20; i++) {
      assertThat(SplitStep.assign(contact, "subject-test", VARIANTS)).isEqualTo(first);
    }
  }

  @Test
  void contacts_are_spread_over_the_variants_by_their_weights() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      counts.merge(
          SplitStep.assign(UUID.randomUUID().toString(), "subject-test", VARIANTS),
          1,
          Integer::sum);
    }

    assertThat(counts.get("a")).isBetween(8_600, 9_400);
    assertThat(counts.get("b")).isBetween(8_600, 9_400);
    assertThat(counts.get("holdout")).isBetween(1_700, 2_300);
  }
}
