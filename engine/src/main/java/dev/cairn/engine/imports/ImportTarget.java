package dev.cairn.engine.imports;

/** Where a CSV column goes on the contact. */
public enum ImportTarget {
  EXTERNAL_ID("User id"),
  EMAIL("Email"),
  PHONE("Phone"),
  FIRST_NAME("First name"),
  LAST_NAME("Last name"),
  TIME_ZONE("Time zone"),
  LOCALE("Locale"),
  TRAIT("Custom attribute"),
  IGNORE("Ignore");

  private final String label;

  ImportTarget(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
