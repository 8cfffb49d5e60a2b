package dev.cairn.engine.journey.language;

import io.camunda.zeebe.model.bpmn.instance.Task;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A step: a task a Cairn step handler performs, named by its type ({@code zeebe:taskDefinition})
 * and configured by its headers ({@code zeebe:taskHeaders}). The type is none when the diagram does
 * not say which step it is. The step handlers take their types from the constants here.
 */
public record Step(@Nullable String type, Map<String, String> headers) implements NodeKind {

  /** Sends an email from a template. */
  public static final String EMAIL = "cairn.email";

  /** Sends a text message, to contacts who agreed to them. */
  public static final String SMS = "cairn.sms";

  /** Calls a web address with the contact. */
  public static final String WEBHOOK = "cairn.webhook";

  /** Emails a team member about the contact. */
  public static final String NOTIFY = "cairn.notify";

  /** Sets a tag or trait of the contact. */
  public static final String UPDATE_CONTACT = "cairn.update-contact";

  /** Adds the contact to a list or removes them from it. */
  public static final String LIST = "cairn.list";

  public Step {
    headers = Map.copyOf(headers);
  }

  /** The step's type and headers as drawn. */
  public static Step of(Task task) {
    ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
    return new Step(definition == null ? null : definition.getType(), headers(task));
  }

  /** Whether this step sends the contact a message they can open or click. */
  public boolean sendsMessage() {
    return EMAIL.equals(type) || SMS.equals(type);
  }

  private static Map<String, String> headers(Task task) {
    ZeebeTaskHeaders headers = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
    Map<String, String> values = new HashMap<>();
    if (headers != null) {
      headers
          .getHeaders()
          .forEach(
              header -> {
                if (header.getKey() != null && header.getValue() != null) {
                  values.put(header.getKey(), header.getValue());
                }
              });
    }
    return values;
  }
}
