package dev.cairn.ui.designer;

/** bpmnlint's findings in a marketer's words, for the rules a journey drawing can break. */
final class LintWords {

  private LintWords() {}

  static String of(JourneyDesigner.LintIssue issue) {
    String rule = issue.rule() == null ? "" : issue.rule();
    return switch (rule) {
      case "no-disconnected" -> "This node is not connected to the journey.";
      case "no-implicit-end", "end-event-required" ->
          "This path does not end; add an End after it.";
      case "no-implicit-start", "start-event-required" ->
          "Nothing leads here; connect it to the step before.";
      case "fake-join" -> "Several paths meet here; that is fine for Cairn.";
      case "label-required" -> "Give it a name, so the journey reads well.";
      case "superfluous-gateway" -> "This branch has one path only.";
      case "no-overlapping-elements" -> "Overlaps another node; Tidy up lays the journey out.";
      default -> issue.message() + (rule.isEmpty() ? "" : " (" + rule + ")");
    };
  }
}
