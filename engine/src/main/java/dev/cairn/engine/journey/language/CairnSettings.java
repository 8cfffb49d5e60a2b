package dev.cairn.engine.journey.language;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperties;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperty;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an element's Cairn settings: {@code zeebe:property} entries named {@code cairn:*}, kept
 * where Camunda Modeler writes properties so the diagram also opens there.
 */
public final class CairnSettings {

  /** What every Cairn setting's name starts with. */
  public static final String PREFIX = "cairn:";

  private CairnSettings() {}

  /** The element's Cairn settings by name; settings without a value are left out. */
  public static Map<String, String> of(BaseElement element) {
    ZeebeProperties properties = element.getSingleExtensionElement(ZeebeProperties.class);
    Map<String, String> values = new HashMap<>();
    if (properties != null) {
      for (ZeebeProperty property : properties.getProperties()) {
        if (isCairn(property) && property.getValue() != null) {
          values.put(property.getName(), property.getValue());
        }
      }
    }
    return values;
  }

  /** Whether the property is one of Cairn's settings rather than someone else's. */
  public static boolean isCairn(ZeebeProperty property) {
    return property.getName() != null && property.getName().startsWith(PREFIX);
  }
}
