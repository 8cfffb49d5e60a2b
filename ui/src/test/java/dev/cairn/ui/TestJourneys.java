package dev.cairn.ui;

/** Small journeys for tests: start on an event named like the journey, wait a day, end. */
final class TestJourneys {

  private TestJourneys() {}

  /** Contacts stay inside for a day, so tests can see them there. */
  static String waitingJourney(String id, String startProperties) {
    return waitingJourney(id, id, startProperties);
  }

  /** The same, entered when {@code triggerEvent} arrives. */
  static String waitingJourney(String id, String triggerEvent, String startProperties) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Test journey %1$s" isExecutable="true">
            <bpmn:startEvent id="start">
              <bpmn:extensionElements><zeebe:properties>
                <zeebe:property name="cairn:trigger-event" value="%3$s"/>%2$s
              </zeebe:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="to-wait" sourceRef="start" targetRef="wait"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="to-end" sourceRef="wait" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id, startProperties, triggerEvent);
  }

  /**
   * A branch whose condition cannot be evaluated (a variable no one sets): the engine stops there.
   */
  static String stuckJourney(String id) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Stuck on purpose" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="choose"/>
            <bpmn:exclusiveGateway id="choose" name="Choose" default="nor-this"/>
            <bpmn:sequenceFlow id="never" sourceRef="choose" targetRef="a"><bpmn:conditionExpression>=notSetAnywhere &gt; 2</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="nor-this" sourceRef="choose" targetRef="b"/>
            <bpmn:endEvent id="a"/>
            <bpmn:endEvent id="b"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id);
  }

  /** A thank-you email whose subject may fail to render, stopping the step for everyone. */
  static String stepJourney(String id, String subject) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Versions %1$s" isExecutable="true">
            <bpmn:startEvent id="start">
              <bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="to-thanks" sourceRef="start" targetRef="thanks"/>
            <bpmn:serviceTask id="thanks" name="Thanks">
              <bpmn:extensionElements><zeebe:taskDefinition type="cairn.email" retries="1"/><zeebe:taskHeaders>
                <zeebe:header key="template" value="first-order-thanks"/><zeebe:header key="subject" value="%2$s"/>
              </zeebe:taskHeaders></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="to-end" sourceRef="thanks" targetRef="end-two"/>
            <bpmn:endEvent id="end-two"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id, subject);
  }

  static String property(String name, String value) {
    return "<zeebe:property name=\"" + name + "\" value=\"" + value + "\"/>";
  }
}
