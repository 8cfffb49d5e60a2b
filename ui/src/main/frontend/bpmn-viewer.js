// A read-only journey diagram with a badge on every node: how many contacts are there now,
// and how many passed. Clicking a node tells the server, which lists who is there. Nodes are drawn
// as in the designer: each kind with its icon and colour.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { rendererModule } from './designer/renderer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

const STYLE = `
  cairn-bpmn-viewer { display: block; position: relative; min-height: 320px; }
  cairn-bpmn-viewer .canvas { position: absolute; inset: 0; }
  cairn-bpmn-viewer .cairn-count {
    display: flex; gap: 4px; font: 600 12px/1 var(--lumo-font-family, sans-serif);
    white-space: nowrap; pointer-events: none;
  }
  cairn-bpmn-viewer .cairn-count span { border-radius: 10px; padding: 3px 7px; }
  cairn-bpmn-viewer .cairn-count .now { background: var(--lumo-primary-color, #1676f3); color: #fff; }
  cairn-bpmn-viewer .cairn-count .passed { background: #e8eaed; color: #333; }
  cairn-bpmn-viewer .djs-element.cairn-selected .djs-visual > :first-child { stroke: #1676f3 !important; stroke-width: 3px !important; }
  cairn-bpmn-viewer .djs-element.cairn-has-contacts .djs-visual > :first-child { fill: #eaf2ff !important; }
`;

class CairnBpmnViewer extends HTMLElement {
  connectedCallback() {
    if (this.viewer) {
      return;
    }
    if (!document.getElementById('cairn-bpmn-viewer-style')) {
      const style = document.createElement('style');
      style.id = 'cairn-bpmn-viewer-style';
      style.textContent = STYLE;
      document.head.appendChild(style);
    }
    const canvas = document.createElement('div');
    canvas.className = 'canvas';
    this.appendChild(canvas);
    this.viewer = new NavigatedViewer({ container: canvas, moddleExtensions: { zeebe }, additionalModules: [rendererModule] });
    this.viewer.on('element.click', (event) => {
      const element = event.element;
      if (!element || element.type === 'bpmn:Process' || element.type === 'label') {
        return;
      }
      this.select(element.id);
      if (this.$server) {
        this.$server.elementClicked(element.id);
      }
    });
    this.counts = {};
    // Fit the diagram again when the page lays the viewer out at a new size, until the user
    // zooms or pans it themselves.
    this.userMoved = false;
    const userMoves = () => {
      this.userMoved = true;
    };
    canvas.addEventListener('wheel', userMoves, { passive: true });
    // Dragging pans the diagram; a click on a node does not count as moving it.
    canvas.addEventListener('mousemove', (event) => {
      if (event.buttons === 1) {
        userMoves();
      }
    });
    new ResizeObserver(() => this.fit()).observe(this);
  }

  fit() {
    if (this.userMoved || !this.shown) {
      return;
    }
    // After the browser has laid the page out, so the viewport has its final size.
    requestAnimationFrame(() => {
      const canvas = this.viewer.get('canvas');
      canvas.resized();
      canvas.zoom('fit-viewport', 'auto');
      // A margin for the count badges above the nodes.
      canvas.zoom(canvas.zoom() * 0.9, 'auto');
    });
  }

  /** Shows a diagram; resolves once it is drawn. */
  async show(xml) {
    const result = await this.viewer.importXML(xml);
    this.shown = true;
    this.userMoved = false;
    this.fit();
    this.drawCounts();
    return result.warnings.length;
  }

  /** counts: JSON text of {elementId: {now, passed}}. */
  setCounts(json) {
    this.counts = JSON.parse(json);
    this.drawCounts();
  }

  select(elementId) {
    const canvas = this.viewer.get('canvas');
    if (this.selected) {
      canvas.removeMarker(this.selected, 'cairn-selected');
    }
    this.selected = elementId;
    if (elementId && this.viewer.get('elementRegistry').get(elementId)) {
      canvas.addMarker(elementId, 'cairn-selected');
    }
  }

  drawCounts() {
    const registry = this.viewer.get('elementRegistry');
    const overlays = this.viewer.get('overlays');
    const canvas = this.viewer.get('canvas');
    overlays.remove({ type: 'cairn-count' });
    registry.forEach((element) => {
      if (element.type === 'label' || element.type === 'bpmn:Process' || element.waypoints) {
        return;
      }
      canvas.removeMarker(element.id, 'cairn-has-contacts');
      const count = this.counts[element.id];
      if (!count) {
        return;
      }
      const badge = document.createElement('div');
      badge.className = 'cairn-count';
      badge.dataset.element = element.id;
      badge.innerHTML =
        (count.now > 0 ? `<span class="now" title="contacts here now">${count.now}</span>` : '') +
        `<span class="passed" title="contacts who passed">✓ ${count.passed}</span>`;
      overlays.add(element.id, 'cairn-count', { position: { top: -22, left: -4 }, html: badge });
      if (count.now > 0) {
        canvas.addMarker(element.id, 'cairn-has-contacts');
      }
    });
  }
}

customElements.define('cairn-bpmn-viewer', CairnBpmnViewer);
