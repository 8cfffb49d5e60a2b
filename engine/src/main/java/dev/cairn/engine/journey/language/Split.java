package dev.cairn.engine.journey.language;

import dev.cairn.engine.decision.Decisions;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An A/B split: each path out of it carries a weight in percent, together 100, and every contact
 * always takes the same variant; a holdout is a variant that leads straight to an end. The split's
 * success metric is an event a contact sends after taking a variant.
 */
public record Split(Map<SequenceFlow, String> weights, @Nullable String successEvent)
    implements NodeKind {

  /** A variant's share of contacts, a whole percentage. */
  public static final String WEIGHT = "cairn:weight";

  /** The event that counts as success for the split's results ({@code Order Completed}). */
  public static final String SUCCESS_EVENT = "cairn:success-event";

  /** The step that assigns each contact a variant, put before the split by the compiler. */
  public static final String STEP_TYPE = Decisions.SPLIT;

  /** The weights keep the order of the paths in the diagram. */
  public Split {
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }

  /** Paths with weights and none with a condition: a gateway mixing both is no split. */
  static boolean isOne(ExclusiveGateway gateway) {
    return !weightsOf(gateway).isEmpty() && Branch.conditionsOf(gateway).isEmpty();
  }

  static Split of(ExclusiveGateway gateway) {
    return new Split(weightsOf(gateway), CairnSettings.of(gateway).get(SUCCESS_EVENT));
  }

  /** The paths leaving the node that carry a weight, with it, in the diagram's order. */
  public static Map<SequenceFlow, String> weightsOf(FlowNode node) {
    return Paths.leavingWith(node, WEIGHT);
  }
}
