package dev.cairn.ui.team;

/** What a console user may do; Spring Security knows each as {@code ROLE_<name>}. */
public enum Role {
  ADMIN("Admin", "everything, and the team, write keys and settings"),
  MARKETER("Marketer", "journeys, templates, segments, lists and contacts"),
  MANAGER("Manager", "dashboards, journey monitoring and contacts, read-only; no exports");

  private final String label;
  private final String description;

  Role(String label, String description) {
    this.label = label;
    this.description = description;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  /** The authority Spring Security checks, e.g. {@code ROLE_ADMIN}. */
  public String authority() {
    return "ROLE_" + name();
  }
}
