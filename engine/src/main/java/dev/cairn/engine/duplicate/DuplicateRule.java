package dev.cairn.engine.duplicate;

/**
 * Why two contacts look like one person, strongest first: a group found by two rules shows under
 * the first.
 */
public enum DuplicateRule {
  SAME_EMAIL("Same email address (ignoring capitals)"),
  SAME_PHONE("Same phone number"),
  SAME_NAME_AT_COMPANY_DOMAIN("Same first and last name at the same company email domain");

  private final String label;

  DuplicateRule(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
