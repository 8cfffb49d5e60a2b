package dev.cairn.engine.decision;

import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assigns the contact an A/B variant by weight. The assignment is a hash of contact and split, so a
 * contact who comes back (or a retried step) always gets the same variant.
 */
@Component
class SplitStep implements StepHandler {

  static final TypeReference<List<SplitVariant>> VARIANTS = new TypeReference<>() {};

  private final JsonMapper json;

  SplitStep(JsonMapper json) {
    this.json = json;
  }

  @Override
  public String type() {
    return Decisions.SPLIT;
  }

  @Override
  public String displayName() {
    return "A/B split";
  }

  @Override
  public Set<String> requiredHeaders() {
    return Set.of("gateway", "variants");
  }

  @Override
  public StepResult perform(Step step) {
    String gateway = Objects.requireNonNull(step.header("gateway"));
    List<SplitVariant> variants =
        json.readValue(Objects.requireNonNull(step.header("variants")), VARIANTS);
    return new StepResult.Completed(
        Map.of(
            Decisions.variable(gateway), assign(step.contactId().toString(), gateway, variants)));
  }

  /** The variant for a contact: a stable point in 0..99 falls into one variant's share. */
  static String assign(String contact, String gateway, List<SplitVariant> variants) {
    int point = bucket(contact + ":" + gateway);
    int upTo = 0;
    for (SplitVariant variant : variants) {
      upTo += variant.weight();
      if (point < upTo) {
        return variant.flow();
      }
    }
    return variants.getLast().flow();
  }

  private static int bucket(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      int value =
          ((hash[0] & 0xff) << 24)
              | ((hash[1] & 0xff) << 16)
              | ((hash[2] & 0xff) << 8)
              | (hash[3] & 0xff);
      return Math.floorMod(value, 100);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
