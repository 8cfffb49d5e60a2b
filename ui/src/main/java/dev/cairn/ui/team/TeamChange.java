package dev.cairn.ui.team;

/** What came of a change to the team or to one's own password: done, or refused with the reason. */
public sealed interface TeamChange {

  record Done() implements TeamChange {}

  /** Refused, with a reason in words the person can act on. */
  record Refused(String reason) implements TeamChange {}

  /** Someone was invited: {@code link} lets them set their password, once. */
  record Invited(TeamMember member, String link) implements TeamChange {}
}
