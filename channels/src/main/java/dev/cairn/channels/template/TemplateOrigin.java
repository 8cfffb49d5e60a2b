package dev.cairn.channels.template;

/** Where the template in use comes from. */
public enum TemplateOrigin {
  /** As shipped with Cairn. */
  SHIPPED,
  /** Edited in the console; Reset to default brings the shipped one back. */
  EDITED,
  /** Saved in the console with no shipped template of that name. */
  ADDED
}
