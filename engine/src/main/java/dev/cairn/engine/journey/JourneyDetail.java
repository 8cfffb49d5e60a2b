package dev.cairn.engine.journey;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A journey with the diagram to show: the latest published one, else the draft.
 *
 * @param elementNames what each element is called on the diagram, by element id
 */
public record JourneyDetail(
    JourneySummary summary, String diagramXml, Map<String, String> elementNames) {

  public JourneyDetail {
    elementNames = Map.copyOf(elementNames);
  }

  public String nameOf(@Nullable String elementId) {
    if (elementId == null) {
      return "";
    }
    return elementNames.getOrDefault(elementId, elementId);
  }
}
