package dev.cairn.engine.journey.check;

import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/** What a marketer calls an element in messages: its name as drawn, else its id. */
public final class Label {

  private Label() {}

  public static String of(ModelElementInstance element) {
    String name = element.getAttributeValue("name");
    if (name != null && !name.isBlank()) {
      return name.strip();
    }
    String id = element.getAttributeValue("id");
    return id == null ? element.getElementType().getTypeName() : id;
  }

  /** The label in double quotes, as every message shows it. */
  public static String quoted(ModelElementInstance element) {
    return "\"" + of(element) + "\"";
  }
}
