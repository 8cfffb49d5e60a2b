package dev.cairn.engine.journey.check;

import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.jspecify.annotations.Nullable;

/**
 * A journey as drawn, as a graph: the process's own nodes in document order and the paths between
 * them. A boundary event counts as a node that follows the step it is attached to. Goals (event
 * sub-processes) are left out: no path leads into them.
 *
 * <p>Paths are resolved by the ids they name, not through the model's typed getters, which throw
 * when a path points at something that is not a node.
 */
public final class JourneyGraph {

  private final List<FlowNode> nodes;
  private final Map<FlowNode, Integer> position = new HashMap<>();
  private final Map<FlowNode, List<SequenceFlow>> outgoing = new HashMap<>();
  private final Map<FlowNode, List<SequenceFlow>> incoming = new HashMap<>();
  private final Map<SequenceFlow, FlowNode> sources = new HashMap<>();
  private final Map<SequenceFlow, FlowNode> targets = new HashMap<>();
  private final Map<FlowNode, List<BoundaryEvent>> boundaries = new HashMap<>();
  private final Map<BoundaryEvent, FlowNode> hosts = new HashMap<>();
  private final List<SequenceFlow> looseFlows = new ArrayList<>();

  public JourneyGraph(Process process) {
    // The model lists children grouped by type; problems read best in the order of the diagram.
    List<DomElement> drawn = process.getDomElement().getChildElements();
    this.nodes =
        process.getChildElementsByType(FlowNode.class).stream()
            .filter(node -> !(node instanceof SubProcess sub && sub.triggeredByEvent()))
            .sorted(Comparator.comparingInt(node -> drawn.indexOf(node.getDomElement())))
            .toList();
    Map<String, FlowNode> byId = new HashMap<>();
    for (FlowNode node : nodes) {
      position.put(node, position.size());
      byId.put(node.getId(), node);
    }
    for (SequenceFlow flow : process.getChildElementsByType(SequenceFlow.class)) {
      FlowNode source = byId.get(flow.getAttributeValue("sourceRef"));
      FlowNode target = byId.get(flow.getAttributeValue("targetRef"));
      if (source != null) {
        sources.put(flow, source);
        outgoing.computeIfAbsent(source, key -> new ArrayList<>()).add(flow);
      }
      if (target != null) {
        targets.put(flow, target);
        incoming.computeIfAbsent(target, key -> new ArrayList<>()).add(flow);
      }
      if (source == null || target == null) {
        looseFlows.add(flow);
      }
    }
    for (FlowNode node : nodes) {
      if (node instanceof BoundaryEvent boundary
          && byId.get(boundary.getAttributeValue("attachedToRef")) instanceof FlowNode host) {
        hosts.put(boundary, host);
        boundaries.computeIfAbsent(host, key -> new ArrayList<>()).add(boundary);
      }
    }
  }

  List<FlowNode> nodes() {
    return nodes;
  }

  /** Paths drawn out of the node itself (not those of its boundary events). */
  List<SequenceFlow> outgoing(FlowNode node) {
    return outgoing.getOrDefault(node, List.of());
  }

  List<SequenceFlow> incoming(FlowNode node) {
    return incoming.getOrDefault(node, List.of());
  }

  @Nullable FlowNode source(SequenceFlow flow) {
    return sources.get(flow);
  }

  @Nullable FlowNode target(SequenceFlow flow) {
    return targets.get(flow);
  }

  @Nullable FlowNode host(BoundaryEvent boundary) {
    return hosts.get(boundary);
  }

  /** Paths whose start or end is not a node of the journey. */
  List<SequenceFlow> looseFlows() {
    return looseFlows;
  }

  /** The default path a gateway (or step) names, if it names one of its own paths. */
  @Nullable SequenceFlow defaultPath(FlowNode node) {
    String id = node.getAttributeValue("default");
    return outgoing(node).stream().filter(flow -> flow.getId().equals(id)).findFirst().orElse(null);
  }

  /** Whether the node names as its default something that is not one of its own paths. */
  boolean hasStrayDefault(FlowNode node) {
    return node.getAttributeValue("default") != null && defaultPath(node) == null;
  }

  /**
   * Whether every path joins two nodes and every default is a node's own path: compiling follows
   * paths through the model's typed getters, which fail otherwise.
   */
  public boolean wellFormed() {
    return looseFlows.isEmpty() && nodes.stream().noneMatch(this::hasStrayDefault);
  }

  /**
   * Where a contact can go next from the node: along its paths, or out through a boundary event.
   */
  List<FlowNode> next(FlowNode node) {
    List<FlowNode> next = new ArrayList<>();
    for (SequenceFlow flow : outgoing(node)) {
      FlowNode target = targets.get(flow);
      if (target != null) {
        next.add(target);
      }
    }
    next.addAll(boundaries.getOrDefault(node, List.of()));
    return next;
  }

  Set<FlowNode> reachableFrom(Collection<? extends FlowNode> roots) {
    Set<FlowNode> reached = new LinkedHashSet<>();
    Deque<FlowNode> pending = new ArrayDeque<>(roots);
    while (!pending.isEmpty()) {
      FlowNode node = pending.pop();
      if (reached.add(node)) {
        pending.addAll(next(node));
      }
    }
    return reached;
  }

  /** Every node from which some node matching {@code goal} can be reached (the goals included). */
  Set<FlowNode> reaching(Predicate<FlowNode> goal) {
    Map<FlowNode, List<FlowNode>> previous = new HashMap<>();
    for (FlowNode node : nodes) {
      for (FlowNode next : next(node)) {
        previous.computeIfAbsent(next, key -> new ArrayList<>()).add(node);
      }
    }
    Set<FlowNode> reached = new HashSet<>();
    Deque<FlowNode> pending = new ArrayDeque<>(nodes.stream().filter(goal).toList());
    while (!pending.isEmpty()) {
      FlowNode node = pending.pop();
      if (reached.add(node)) {
        pending.addAll(previous.getOrDefault(node, List.of()));
      }
    }
    return reached;
  }

  /**
   * The loops among the nodes matching {@code within}: groups of nodes each of which leads to every
   * other one (strongly connected components with a cycle). Each group in document order.
   */
  List<List<FlowNode>> loops(Predicate<FlowNode> within) {
    return new Loops(within).find();
  }

  /** Tarjan's algorithm over the nodes matching the predicate. */
  private final class Loops {
    private final Predicate<FlowNode> within;
    private final Map<FlowNode, Integer> index = new HashMap<>();
    private final Map<FlowNode, Integer> lowest = new HashMap<>();
    private final Deque<FlowNode> stack = new ArrayDeque<>();
    private final Set<FlowNode> onStack = new HashSet<>();
    private final List<List<FlowNode>> found = new ArrayList<>();

    Loops(Predicate<FlowNode> within) {
      this.within = within;
    }

    List<List<FlowNode>> find() {
      for (FlowNode node : nodes) {
        if (within.test(node) && !index.containsKey(node)) {
          visit(node);
        }
      }
      found.sort(Comparator.comparing(loop -> position.get(loop.getFirst())));
      return found;
    }

    private void visit(FlowNode node) {
      index.put(node, index.size());
      lowest.put(node, index.get(node));
      stack.push(node);
      onStack.add(node);
      for (FlowNode next : next(node)) {
        if (!within.test(next)) {
          continue;
        }
        if (!index.containsKey(next)) {
          visit(next);
          lowest.put(node, Math.min(lowest.get(node), lowest.get(next)));
        } else if (onStack.contains(next)) {
          lowest.put(node, Math.min(lowest.get(node), index.get(next)));
        }
      }
      if (lowest.get(node).equals(index.get(node))) {
        List<FlowNode> component = new ArrayList<>();
        FlowNode member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (member != node);
        if (component.size() > 1 || next(node).contains(node)) {
          component.sort(Comparator.comparing(position::get));
          found.add(List.copyOf(component));
        }
      }
    }
  }
}
