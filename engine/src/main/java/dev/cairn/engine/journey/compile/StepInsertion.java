package dev.cairn.engine.journey.compile;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Puts a Cairn step in front of a node while compiling: everything that led to the node now leads
 * to the step, and the step leads to the node. Branches, splits and "wait until" use it.
 */
final class StepInsertion {

  private StepInsertion() {}

  /**
   * Inserts a service task {@code <target id><taskSuffix>} of the job type, with the headers, and
   * the path {@code <target id><pathSuffix>} from it to the target.
   */
  static ServiceTask before(
      BpmnModelInstance model,
      FlowNode target,
      String taskSuffix,
      String pathSuffix,
      String name,
      String type,
      Map<String, String> headers) {
    ModelElementInstance parent = target.getParentElement();
    ServiceTask task = task(model, parent, target.getId() + taskSuffix, name, type, headers);
    for (SequenceFlow incoming :
        model.getModelElementsByType(SequenceFlow.class).stream()
            .filter(flow -> flow.getTarget() == target)
            .toList()) {
      target.getIncoming().remove(incoming);
      incoming.setTarget(task);
      task.getIncoming().add(incoming);
    }
    connect(model, parent, task, target, target.getId() + pathSuffix);
    return task;
  }

  /** A new service task of the job type, with the headers, not yet on any path. */
  static ServiceTask task(
      BpmnModelInstance model,
      ModelElementInstance parent,
      String id,
      String name,
      String type,
      Map<String, String> headers) {
    ServiceTask task = model.newInstance(ServiceTask.class);
    task.setId(id);
    task.setName(name);
    parent.addChildElement(task);
    ExtensionElements extensions = model.newInstance(ExtensionElements.class);
    task.setExtensionElements(extensions);
    ZeebeTaskDefinition definition = model.newInstance(ZeebeTaskDefinition.class);
    definition.setType(type);
    definition.setRetries("5");
    extensions.addChildElement(definition);
    ZeebeTaskHeaders taskHeaders = model.newInstance(ZeebeTaskHeaders.class);
    extensions.addChildElement(taskHeaders);
    headers.forEach(
        (key, value) -> {
          ZeebeHeader header = model.newInstance(ZeebeHeader.class);
          header.setKey(key);
          header.setValue(value);
          taskHeaders.addChildElement(header);
        });
    return task;
  }

  /** A new path between two nodes of the same scope, listed on both. */
  static SequenceFlow connect(
      BpmnModelInstance model, ModelElementInstance parent, FlowNode from, FlowNode to, String id) {
    SequenceFlow flow = model.newInstance(SequenceFlow.class);
    flow.setId(id);
    parent.addChildElement(flow);
    flow.setSource(from);
    flow.setTarget(to);
    from.getOutgoing().add(flow);
    to.getIncoming().add(flow);
    return flow;
  }
}
