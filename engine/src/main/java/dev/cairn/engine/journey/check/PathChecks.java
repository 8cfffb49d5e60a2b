package dev.cairn.engine.journey.check;

import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The paths of a journey: every path connects two steps, every step can be reached from the entry
 * point, every path ends at an end, and no contact can go round a loop forever.
 */
final class PathChecks {

  private final JourneyGraph graph;

  PathChecks(JourneyGraph graph) {
    this.graph = graph;
  }

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    looseFlows(problems);
    entriesAndEnds(problems);
    Set<FlowNode> reachable = reachable(problems);
    deadEnds(problems);
    loopsWithoutWait(problems);
    loopsWithoutEnd(reachable, problems);
    return problems;
  }

  private void looseFlows(List<Problem> problems) {
    for (SequenceFlow flow : graph.looseFlows()) {
      FlowNode source = graph.source(flow);
      if (source == null) {
        problems.add(
            new Problem(
                flow.getId(),
                "The path "
                    + Label.quoted(flow)
                    + " does not start at a step of the journey; connect it or delete it."));
      } else {
        problems.add(
            new Problem(
                flow.getId(),
                "The path "
                    + Label.quoted(flow)
                    + " from "
                    + Label.quoted(source)
                    + " does not lead to a step of the journey; connect it or delete it."));
      }
    }
  }

  /**
   * Contacts come in only at the entry point and leave at an end: no path into the one or out of
   * the other.
   */
  private void entriesAndEnds(List<Problem> problems) {
    for (FlowNode node : graph.nodes()) {
      if (node instanceof StartEvent start) {
        for (SequenceFlow flow : graph.incoming(start)) {
          problems.add(
              new Problem(
                  flow.getId(),
                  "The path "
                      + Label.quoted(flow)
                      + " leads back into the entry point "
                      + Label.quoted(start)
                      + "; to go round again, connect it to the first step instead."));
        }
      }
      if (node instanceof EndEvent end) {
        for (SequenceFlow flow : graph.outgoing(end)) {
          problems.add(
              new Problem(
                  flow.getId(),
                  "The path "
                      + Label.quoted(flow)
                      + " leaves "
                      + Label.quoted(end)
                      + ", but nothing comes after an end; start the path from a step, or delete it."));
        }
      }
    }
  }

  private Set<FlowNode> reachable(List<Problem> problems) {
    List<FlowNode> starts = graph.nodes().stream().filter(StartEvent.class::isInstance).toList();
    if (starts.isEmpty()) {
      return Set.copyOf(graph.nodes()); // the missing entry point is reported on its own
    }
    Set<FlowNode> reached = graph.reachableFrom(starts);
    for (FlowNode node : graph.nodes()) {
      // A boundary event of a step that cannot be reached is covered by that step's problem.
      boolean hostMissed =
          node instanceof BoundaryEvent boundary
              && graph.host(boundary) != null
              && !reached.contains(graph.host(boundary));
      if (!reached.contains(node) && !hostMissed) {
        problems.add(
            new Problem(
                node.getId(),
                Label.quoted(node)
                    + " cannot be reached from the entry point; connect it or delete it."));
      }
    }
    return reached;
  }

  private void deadEnds(List<Problem> problems) {
    for (FlowNode node : graph.nodes()) {
      if (!(node instanceof EndEvent) && graph.outgoing(node).isEmpty()) {
        problems.add(
            new Problem(
                node.getId(),
                Label.quoted(node) + " leads nowhere; connect it to the next step or to an end."));
      }
    }
  }

  /** Loops are fine if a contact waits somewhere on them; otherwise they would spin forever. */
  private void loopsWithoutWait(List<Problem> problems) {
    for (List<FlowNode> loop : graph.loops(node -> !WaitChecks.isWait(node))) {
      FlowNode first = loop.getFirst();
      problems.add(
          new Problem(
              first.getId(),
              Label.quoted(first)
                  + " is on a loop with no wait: a contact would go round it forever. Add a wait to the loop."));
    }
  }

  /**
   * A loop nothing leads out of keeps its contacts forever, even with a wait on it. Reported once
   * per loop, on its first step; steps that merely lead into such a loop are fixed with it.
   */
  private void loopsWithoutEnd(Set<FlowNode> reachable, List<Problem> problems) {
    // Dead ends are ends too here: they are reported above, and counting them would repeat that.
    Set<FlowNode> canEnd =
        graph.reaching(node -> node instanceof EndEvent || graph.next(node).isEmpty());
    Set<FlowNode> stuck = new HashSet<>(reachable);
    stuck.removeAll(canEnd);
    for (List<FlowNode> loop : graph.loops(stuck::contains)) {
      boolean closed = loop.stream().allMatch(node -> loop.containsAll(graph.next(node)));
      boolean waits = loop.stream().anyMatch(WaitChecks::isWait);
      if (closed && waits) {
        FlowNode first = loop.getFirst();
        problems.add(
            new Problem(
                first.getId(),
                Label.quoted(first)
                    + " is on a loop that never leads to an end: contacts would go round it forever. Add a way out of the loop to an end."));
      }
    }
  }
}
