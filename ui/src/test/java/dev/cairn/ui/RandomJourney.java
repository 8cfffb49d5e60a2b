package dev.cairn.ui;

import java.util.Random;

/**
 * A journey drawn at random from the nodes that send, wait and branch: emails, texts, waits,
 * attribute branches and A/B splits, nested to a random depth. Every contact first gets an email
 * and then waits, so every contact spends time at a wait, where a test can change their mind. Every
 * text sits behind an "Agreed to texts?" branch, as publishing demands, sometimes with a wait in
 * between, so consent can change after the branch and before the text.
 */
final class RandomJourney {

  /** Every wait's element id starts with this, so a test can see a contact is waiting. */
  static final String WAIT = "wait-";

  /**
   * A wait between "Agreed to texts?" and the text: where changing one's mind about texts matters
   * most.
   */
  static final String WAIT_BEFORE_TEXT = WAIT + "text-";

  private static final String SMS_CONSENT =
      "{&quot;kind&quot;:&quot;attribute&quot;,&quot;attribute&quot;:&quot;sms_consent&quot;,&quot;operator&quot;:&quot;EQUALS&quot;,&quot;value&quot;:&quot;subscribed&quot;}";
  private static final String FIRST_NAME_PRO =
      "{&quot;kind&quot;:&quot;attribute&quot;,&quot;attribute&quot;:&quot;first_name&quot;,&quot;operator&quot;:&quot;EQUALS&quot;,&quot;value&quot;:&quot;Pro&quot;}";

  private final String id;
  private final Random random;
  private final StringBuilder nodes = new StringBuilder();
  private int next;

  private RandomJourney(String id, Random random) {
    this.id = id;
    this.random = random;
  }

  /**
   * The BPMN of a new random journey that starts when a contact sends the event named {@code id}.
   */
  static String draw(String id, Random random) {
    return new RandomJourney(id, random).bpmn();
  }

  private String bpmn() {
    String rest = subtree(6);
    String firstWait = waitThen(rest);
    String hello = email(firstWait);
    nodes.append(
        """
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%s"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
        """
            .formatted(id));
    flow("start", hello);
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Random %1$s" isExecutable="true">
        %2$s  </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id, nodes);
  }

  /** Draws the rest of a path with about {@code budget} nodes; the id of its first node. */
  private String subtree(int budget) {
    if (budget <= 0) {
      return end();
    }
    return switch (random.nextInt(7)) {
      case 0, 1 -> email(subtree(budget - 1));
      case 2 -> waitThen(subtree(budget - 1));
      case 3, 4 -> consentBranch(subtree(budget - 2), subtree(budget - 2));
      case 5 -> branch(FIRST_NAME_PRO, subtree(budget - 2), subtree(budget - 2));
      default -> split(subtree(budget - 2), subtree(budget - 2));
    };
  }

  private String email(String then) {
    String task = "email-" + (++next);
    nodes.append(
        """
            <bpmn:serviceTask id="%s" name="Email %d">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="cairn.email" retries="3"/>
                <zeebe:taskHeaders><zeebe:header key="template" value="series-welcome"/><zeebe:header key="subject" value="Step %d"/></zeebe:taskHeaders>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
        """
            .formatted(task, next, next));
    flow(task, then);
    return task;
  }

  private String sms(String then) {
    String task = "sms-" + (++next);
    nodes.append(
        """
            <bpmn:serviceTask id="%s" name="Text %d">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="cairn.sms" retries="3"/>
                <zeebe:taskHeaders><zeebe:header key="text" value="Hi {{ contact.first_name }}, step %d. Reply STOP to opt out."/></zeebe:taskHeaders>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
        """
            .formatted(task, next, next));
    flow(task, then);
    return task;
  }

  private String waitThen(String then) {
    return waitThen(WAIT, then);
  }

  private String waitThen(String prefix, String then) {
    String wait = prefix + (++next);
    // Long enough that a contact seen there is still there when the test acts.
    nodes.append(
        """
            <bpmn:intermediateCatchEvent id="%s" name="Wait %d"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        """
            .formatted(wait, next));
    flow(wait, then);
    return wait;
  }

  /** Texts only contacts who agreed to texts, sometimes after a wait; the others go on without. */
  private String consentBranch(String afterText, String otherwise) {
    String text = sms(afterText);
    String yes = random.nextInt(4) > 0 ? waitThen(WAIT_BEFORE_TEXT, text) : text;
    return branch(SMS_CONSENT, yes, otherwise);
  }

  private String branch(String condition, String yes, String otherwise) {
    String gateway = "branch-" + (++next);
    String fallback = "flow-" + (++next);
    nodes.append(
        "    <bpmn:exclusiveGateway id=\"%s\" name=\"Branch %d\" default=\"%s\"/>\n"
            .formatted(gateway, next, fallback));
    flow(gateway, yes, "cairn:condition", condition);
    nodes.append(
        "    <bpmn:sequenceFlow id=\"%s\" sourceRef=\"%s\" targetRef=\"%s\"/>\n"
            .formatted(fallback, gateway, otherwise));
    return gateway;
  }

  private String split(String a, String b) {
    String gateway = "split-" + (++next);
    int weight = 10 * (1 + random.nextInt(9));
    nodes.append(
        "    <bpmn:exclusiveGateway id=\"%s\" name=\"Split %d\"/>\n".formatted(gateway, next));
    flow(gateway, a, "cairn:weight", String.valueOf(weight));
    flow(gateway, b, "cairn:weight", String.valueOf(100 - weight));
    return gateway;
  }

  private String end() {
    String end = "end-" + (++next);
    nodes.append("    <bpmn:endEvent id=\"%s\"/>\n".formatted(end));
    return end;
  }

  private void flow(String from, String to) {
    nodes.append(
        "    <bpmn:sequenceFlow id=\"%s\" sourceRef=\"%s\" targetRef=\"%s\"/>\n"
            .formatted("flow-" + (++next), from, to));
  }

  /** A flow carrying one Cairn property: a branch path's condition or a split path's weight. */
  private void flow(String from, String to, String property, String value) {
    nodes.append(
        "    <bpmn:sequenceFlow id=\"%s\" sourceRef=\"%s\" targetRef=\"%s\"><bpmn:extensionElements><zeebe:properties><zeebe:property name=\"%s\" value=\"%s\"/></zeebe:properties></bpmn:extensionElements></bpmn:sequenceFlow>\n"
            .formatted("flow-" + (++next), from, to, property, value));
  }
}
