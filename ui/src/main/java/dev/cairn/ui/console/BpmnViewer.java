package dev.cairn.ui.console;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import dev.cairn.engine.journey.track.NodeCount;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A read-only journey diagram (bpmn-js, drawn as the designer draws it) with how many contacts are
 * at each node.
 */
@Tag("cairn-bpmn-viewer")
@NpmPackage(value = "bpmn-js", version = "18.31.1")
@NpmPackage(value = "diagram-js", version = "15.28.1")
@NpmPackage(value = "tiny-svg", version = "4.1.4")
@NpmPackage(value = "zeebe-bpmn-moddle", version = "2.0.0")
@JsModule("./bpmn-viewer.js")
public class BpmnViewer extends Component implements HasSize {

  public void show(String bpmnXml) {
    getElement().callJsFunction("show", bpmnXml);
  }

  void setCounts(List<NodeCount> counts) {
    String json =
        counts.stream()
            .map(
                c ->
                    "\""
                        + jsonEscape(c.elementId())
                        + "\":{\"now\":"
                        + c.now()
                        + ",\"passed\":"
                        + c.passed()
                        + "}")
            .collect(Collectors.joining(",", "{", "}"));
    getElement().callJsFunction("setCounts", json);
  }

  void select(String elementId) {
    getElement().callJsFunction("select", elementId);
  }

  Registration addNodeClickListener(ComponentEventListener<NodeClicked> listener) {
    return addListener(NodeClicked.class, listener);
  }

  @ClientCallable
  void elementClicked(String elementId) {
    fireEvent(new NodeClicked(this, elementId));
  }

  /** Element ids come from BPMN (XML NCNames), but escape anyway: the text is parsed as JSON. */
  private static String jsonEscape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  static final class NodeClicked extends ComponentEvent<BpmnViewer> {
    private final String elementId;

    NodeClicked(BpmnViewer source, String elementId) {
      super(source, true);
      this.elementId = elementId;
    }

    String elementId() {
      return elementId;
    }
  }
}
