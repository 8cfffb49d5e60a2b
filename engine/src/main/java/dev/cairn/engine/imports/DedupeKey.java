package dev.cairn.engine.imports;

/** What makes two rows, or a row and a contact, the same person. */
public enum DedupeKey {
  EMAIL("Email", ImportTarget.EMAIL),
  PHONE("Phone", ImportTarget.PHONE),
  EXTERNAL_ID("User id", ImportTarget.EXTERNAL_ID);

  private final String label;
  private final ImportTarget column;

  DedupeKey(String label, ImportTarget column) {
    this.label = label;
    this.column = column;
  }

  public String label() {
    return label;
  }

  /** The column that must be mapped for this key. */
  public ImportTarget column() {
    return column;
  }
}
