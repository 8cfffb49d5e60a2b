package dev.cairn.engine.segment;

/** How an attribute is compared; dates compare with a day or in days before now. */
public enum AttributeOperator {
  EQUALS("is"),
  NOT_EQUALS("is not"),
  CONTAINS("contains"),
  STARTS_WITH("starts with"),
  IS_SET("is set"),
  IS_NOT_SET("is not set"),
  GREATER_THAN("is more than"),
  LESS_THAN("is less than"),
  WITHIN_LAST_DAYS("is within the last (days)"),
  MORE_THAN_DAYS_AGO("is more than (days) ago"),
  AT_LEAST("is at least"),
  AT_MOST("is at most"),
  BEFORE("is before (date)"),
  AFTER("is after (date)"),
  IS_TRUE("is true"),
  IS_FALSE("is false");

  private final String label;

  AttributeOperator(String label) {
    this.label = label;
  }

  /** How the segment builder shows it. */
  public String label() {
    return label;
  }

  public boolean needsValue() {
    return this != IS_SET && this != IS_NOT_SET && this != IS_TRUE && this != IS_FALSE;
  }
}
