package dev.cairn.engine.journey;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.TimeDate;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Lets a contact who moves to a newer version of a journey while at a wait keep the moment the
 * wait ends. Moving a waiting contact means starting them on the new version at the same wait
 * (the engine cannot move waits itself), and a wait started afresh would begin its three days
 * again. So each compiled timer first looks for {@code cairnResumeAt_<timer id>}, the moment a
 * move carried over, and waits until then; without one it waits as drawn.
 *
 * <p>The variable is cleared as soon as the wait is over, whichever way it ends, so a journey
 * that comes back to the same wait later waits its full time.
 */
public final class ResumableWaits {

  private static final String PREFIX = "cairnResumeAt_";
  /** What a journey instance sees as the event that ended a wait for an event (see EventVariables). */
  private static final String LAST_EVENT = "lastEvent";

  private final BpmnModelInstance model;

  ResumableWaits(BpmnModelInstance model) {
    this.model = model;
  }

  /** The variable a move sets to the moment the timer is due (ISO-8601, with offset). */
  public static String variable(String timerId) {
    return PREFIX + timerId.replaceAll("[^A-Za-z0-9_]", "_");
  }

  /**
   * Whether the deployed diagram's timer keeps a moved contact's moment: compiled with
   * {@link #compile()}, or a fixed date, which is the same moment on any version.
   */
  public static boolean resumable(String deployedXml, String timerId) {
    BpmnModelInstance deployed = Bpmn.readModelFromStream(new ByteArrayInputStream(deployedXml.getBytes(StandardCharsets.UTF_8)));
    if (!(deployed.getModelElementById(timerId) instanceof IntermediateCatchEvent wait)) {
      return false;
    }
    return wait.getChildElementsByType(TimerEventDefinition.class).stream().anyMatch(timer -> {
      String duration = text(timer.getTimeDuration());
      String date = text(timer.getTimeDate());
      return duration.contains(variable(timerId)) || date.contains(variable(timerId)) || (!date.isEmpty() && !date.startsWith("="));
    });
  }

  void compile() {
    for (IntermediateCatchEvent wait : model.getModelElementsByType(IntermediateCatchEvent.class)) {
      for (TimerEventDefinition timer : wait.getChildElementsByType(TimerEventDefinition.class)) {
        if (resume(wait.getId(), timer)) {
          clearOnLeaving(wait, List.of(wait.getId()));
        }
      }
    }
    for (EventBasedGateway gateway : model.getModelElementsByType(EventBasedGateway.class)) {
      List<IntermediateCatchEvent> branches = gateway.getOutgoing().stream()
          .map(SequenceFlow::getTarget)
          .filter(IntermediateCatchEvent.class::isInstance)
          .map(IntermediateCatchEvent.class::cast)
          .toList();
      List<String> timers = branches.stream().filter(branch -> !branch.getChildElementsByType(TimerEventDefinition.class).isEmpty())
          .map(FlowNode::getId).toList();
      branches.stream()
          .filter(branch -> !branch.getChildElementsByType(MessageEventDefinition.class).isEmpty())
          .forEach(branch -> clearOnLeaving(branch, timers));
    }
  }

  /** Rewrites the timer to honour a carried-over moment; cycles (which Cairn does not draw) stay as they are. */
  private boolean resume(String timerId, TimerEventDefinition timer) {
    String resumeAt = variable(timerId);
    String carried = "date and time(" + resumeAt + ")";
    String duration = text(timer.getTimeDuration());
    String date = text(timer.getTimeDate());
    if (!duration.isEmpty()) {
      String drawn = duration.startsWith("=") ? "(" + duration.substring(1) + ")" : "duration(\"" + duration + "\")";
      timer.getTimeDuration().setTextContent(
          "=if " + resumeAt + " = null then " + drawn
              + " else if " + carried + " > now() then " + carried + " - now() else duration(\"PT0S\")");
      return true;
    }
    if (date.startsWith("=")) {
      TimeDate timeDate = timer.getTimeDate();
      timeDate.setTextContent("=if " + resumeAt + " = null then (" + date.substring(1) + ") else " + carried);
      return true;
    }
    return false;
  }

  /**
   * Clears the carried-over moments of these timers when the contact leaves the event. An event
   * with outputs of its own passes on only what they name, so the event a contact waited for is
   * passed on by name too, unless the diagram already maps the event's variables itself.
   */
  private void clearOnLeaving(IntermediateCatchEvent event, List<String> timerIds) {
    if (timerIds.isEmpty()) {
      return;
    }
    ExtensionElements extensions = event.getExtensionElements();
    if (extensions == null) {
      extensions = model.newInstance(ExtensionElements.class);
      event.setExtensionElements(extensions);
    }
    ZeebeIoMapping mapping = extensions.getChildElementsByType(ZeebeIoMapping.class).stream().findFirst().orElse(null);
    if (mapping == null) {
      mapping = model.newInstance(ZeebeIoMapping.class);
      extensions.addChildElement(mapping);
    }
    boolean passesOnEverything = mapping.getOutputs().isEmpty();
    if (passesOnEverything && !event.getChildElementsByType(MessageEventDefinition.class).isEmpty()) {
      output(mapping, "=" + LAST_EVENT, LAST_EVENT);
    }
    for (String timerId : timerIds) {
      output(mapping, "=null", variable(timerId));
    }
  }

  private void output(ZeebeIoMapping mapping, String source, String target) {
    ZeebeOutput output = model.newInstance(ZeebeOutput.class);
    output.setSource(source);
    output.setTarget(target);
    mapping.addChildElement(output);
  }

  private static String text(ModelElementInstance element) {
    return element == null || element.getTextContent() == null ? "" : element.getTextContent().strip();
  }
}
