package dev.cairn.engine.list;

import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A journey step that puts the contact on a list ({@code action} {@code add}) or takes them off it
 * ({@code remove}). Doing it again changes nothing: a contact already on the list keeps when they
 * joined and gets no second List Joined, so a retried job is harmless.
 */
@Component
class ListStep implements StepHandler {

  private final ContactLists lists;

  ListStep(ContactLists lists) {
    this.lists = lists;
  }

  @Override
  public String type() {
    return ListStepHeaders.TYPE;
  }

  @Override
  public String displayName() {
    return "Add to list / remove from list";
  }

  @Override
  public Set<String> requiredHeaders() {
    return Set.of("list", "action");
  }

  @Override
  public String describe(String header) {
    return header.equals("action") ? "an action (add or remove)" : "a list";
  }

  @Override
  public List<String> problems(Map<String, String> headers) {
    return ListStepHeaders.problems(headers, lists::exists);
  }

  @Override
  public StepResult perform(Step step) {
    if (step.testRun()) {
      return StepResult.Completed
          .empty(); // a marketer trying the journey on a real contact must not change their lists
    }
    String list = Objects.requireNonNull(step.header("list")).strip();
    String source = "journey " + step.journeyId();
    ListChange change =
        switch (Objects.requireNonNull(step.header("action")).strip()) {
          case "add" -> lists.add(list, step.contactId(), source);
          case "remove" -> lists.remove(list, step.contactId(), source);
          default ->
              throw new IllegalArgumentException("not add or remove; checked before publishing");
        };
    return switch (change) {
      case ListChange.Done done -> StepResult.Completed.empty();
      // Deleted after publishing: retrying cannot bring it back, so stop here where the marketer
      // sees it.
      case ListChange.Refused refused -> new StepResult.Rejected(refused.reason());
    };
  }
}
