// The journey designer: a bpmn-js Modeler with Cairn's palette, context pad, renderer, tidy-up,
// minimap and linting. The server (JourneyDesigner.java) owns everything else: it receives the
// selected node's settings and the diagram after each change, and sends back setting changes
// (applied through the modeling API, so they undo like drawing) and its validation problems.
import Modeler from 'bpmn-js/lib/Modeler';
import minimapModule from 'diagram-js-minimap';
import lintModule from 'bpmn-js-bpmnlint';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import designerModule from './designer/index';
import lintConfig from './designer/lint/config';
import { designerStyle } from './designer/style';
import { iconSvg } from './designer/kinds';

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

const CHANGE_DEBOUNCE_MILLIS = 400;
const MINIMAP_FROM = 20;
const MIN_FIT_ZOOM = 0.6;
const FIT_MARGIN = 40;

class CairnJourneyDesigner extends HTMLElement {
  connectedCallback() {
    if (this.modeler) {
      return;
    }
    if (!document.getElementById('cairn-designer-style')) {
      const style = document.createElement('style');
      style.id = 'cairn-designer-style';
      style.textContent = designerStyle;
      document.head.appendChild(style);
    }
    const canvas = document.createElement('div');
    canvas.className = 'canvas';
    this.appendChild(canvas);
    this.modeler = new Modeler({
      container: canvas,
      moddleExtensions: { zeebe },
      additionalModules: [designerModule, minimapModule, lintModule],
      linting: { bpmnlint: lintConfig, active: true },
    });
    this.problems = [];
    const eventBus = this.modeler.get('eventBus');
    eventBus.on('selection.changed', () => this.sendSelection());
    eventBus.on('commandStack.changed', () => {
      this.showGoal();
      this.sendSelection();
      this.scheduleChange();
    });
    eventBus.on('cairn.journeySettings', ({ focus }) => {
      this.modeler.get('selection').select(null);
      this.sendSelectionOf(this.modeler.get('canvas').getRootElement(), focus);
    });
    eventBus.on('linting.completed', ({ issues }) => {
      const found = [];
      for (const [id, list] of Object.entries(issues || {})) {
        for (const issue of list) {
          found.push({ elementId: id, category: issue.category, message: issue.message, rule: issue.rule });
        }
      }
      this.lintIssues = found;
      if (this.$server) {
        this.$server.linted(JSON.stringify(found));
      }
    });
    this.goal = document.createElement('div');
    this.goal.className = 'cairn-goal';
    this.goal.addEventListener('click', () => eventBus.fire('cairn.journeySettings', { focus: 'goal' }));
    this.appendChild(this.goal);
    new ResizeObserver(() => this.modeler.get('canvas').resized()).observe(this);
  }

  /** The journey's goal and exits, which belong to no node, in a corner of the canvas. */
  showGoal() {
    const root = this.modeler.get('canvas').getRootElement();
    const settings = root && root.businessObject ? this.modeler.get('cairnSettings').read(root).properties : {};
    const goal = settings['cairn:goal-event'];
    const exits = settings['cairn:exit-on'];
    this.goal.innerHTML =
      `<span>${iconSvg('goal', 14)} Goal: ${goal ? escapeHtml(goal) : '<i>none</i>'}</span>` +
      (exits ? `<span>${iconSvg('exit', 14)} Exits on: ${escapeHtml(exits)}</span>` : '');
  }

  /** Opens a diagram; resolves to the number of import warnings. */
  async open(xml) {
    const result = await this.modeler.importXML(xml);
    this.fit();
    const minimap = this.modeler.get('minimap');
    const nodes = this.modeler.get('elementRegistry').filter((e) => !e.waypoints && !e.labelTarget).length;
    if (nodes > MINIMAP_FROM) {
      minimap.open();
    } else {
      minimap.close();
    }
    if (!this.modeler.get('linting').isActive()) {
      this.modeler.get('linting').toggle(true);
    }
    this.drawProblems();
    this.showGoal();
    this.sendSelection();
    // Marks the canvas as drawn and placed: what a click lands on no longer moves.
    this.setAttribute('opened', '');
    return result.warnings.length;
  }

  async xml() {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  scheduleChange() {
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(async () => {
      const xml = await this.xml();
      if (this.$server) {
        this.$server.changed(xml);
      }
    }, CHANGE_DEBOUNCE_MILLIS);
  }

  selectedElement() {
    const selected = this.modeler.get('selection').get();
    return selected.length === 1 ? selected[0] : undefined;
  }

  sendSelection() {
    const element = this.selectedElement();
    if (element && element.labelTarget) {
      this.sendSelectionOf(element.labelTarget);
      return;
    }
    this.sendSelectionOf(element || this.modeler.get('canvas').getRootElement());
  }

  sendSelectionOf(element, focus) {
    if (!element || !element.businessObject || !this.$server) {
      return;
    }
    const settings = this.modeler.get('cairnSettings').read(element);
    if (focus) {
      settings.focus = focus;
    }
    // The panel's own change coming back: the server keeps its fields (and the cursor) as they are.
    if (this.applying) {
      settings.origin = 'panel';
    }
    const json = JSON.stringify(settings);
    if (json !== this.lastSelection || focus) {
      this.lastSelection = json;
      this.$server.selected(json);
    }
  }

  /** change: JSON of {name, properties, headers, timer, message, isDefault}; null values remove. */
  apply(elementId, changeJson) {
    const registry = this.modeler.get('elementRegistry');
    const element = elementId ? registry.get(elementId) : this.modeler.get('canvas').getRootElement();
    if (!element) {
      return false;
    }
    this.applying = true;
    try {
      this.modeler.get('cairnSettings').apply(element, JSON.parse(changeJson));
    } finally {
      this.applying = false;
    }
    return true;
  }

  /** Gives the A/B split a holdout or takes it away. */
  setHoldout(splitId, on) {
    const split = this.modeler.get('elementRegistry').get(splitId);
    if (split) {
      this.applying = true;
      try {
        this.modeler.get('cairnSettings').setHoldout(split, on);
      } finally {
        this.applying = false;
      }
    }
  }

  select(elementId) {
    const registry = this.modeler.get('elementRegistry');
    const element = registry.get(elementId);
    if (!element || element.type === 'bpmn:Process') {
      this.modeler.get('selection').select(null);
      return;
    }
    this.modeler.get('selection').select(element);
    this.modeler.get('canvas').scrollToElement(element, { top: 120, bottom: 120, left: 200, right: 200 });
  }

  /** problems: JSON of [{elementId, message, error}] from the server's validator. */
  setProblems(json) {
    this.problems = JSON.parse(json);
    this.drawProblems();
  }

  drawProblems() {
    const overlays = this.modeler.get('overlays');
    const canvas = this.modeler.get('canvas');
    const registry = this.modeler.get('elementRegistry');
    overlays.remove({ type: 'cairn-problem' });
    registry.forEach((element) => canvas.removeMarker(element, 'cairn-problem'));
    const byElement = new Map();
    for (const problem of this.problems) {
      if (problem.elementId && registry.get(problem.elementId) && registry.get(problem.elementId).type !== 'bpmn:Process') {
        (byElement.get(problem.elementId) || byElement.set(problem.elementId, []).get(problem.elementId)).push(problem.message);
      }
    }
    for (const [id, messages] of byElement) {
      canvas.addMarker(id, 'cairn-problem');
      const badge = document.createElement('div');
      badge.className = 'cairn-problem-badge';
      badge.title = messages.join('\n');
      badge.textContent = '!';
      overlays.add(id, 'cairn-problem', { position: { top: -10, right: 6 }, html: badge });
    }
  }

  undo() {
    this.modeler.get('commandStack').undo();
  }

  redo() {
    this.modeler.get('commandStack').redo();
  }

  tidy() {
    this.modeler.get('cairnTidy').tidy();
    this.fit();
  }

  /**
   * The whole journey in view beside the palette (which floats over the canvas' left side); a
   * long or wide one readable, from its entry on.
   */
  fit() {
    const canvas = this.modeler.get('canvas');
    const container = canvas._container.getBoundingClientRect();
    const box = canvas.getActiveLayer().getBBox();
    if (!box.width || !container.width) {
      return;
    }
    const palette = this.querySelector('.djs-palette');
    const left = (palette ? palette.getBoundingClientRect().right - container.left : 0) + FIT_MARGIN;
    const width = container.width - left - FIT_MARGIN;
    const height = container.height - 2 * FIT_MARGIN;
    const scale = Math.max(MIN_FIT_ZOOM, Math.min(1, width / box.width, height / box.height));
    const x = box.width * scale <= width ? box.x - (left + (width - box.width * scale) / 2) / scale : box.x - left / scale;
    const y = box.height * scale <= height ? box.y - (FIT_MARGIN + (height - box.height * scale) / 2) / scale : box.y - FIT_MARGIN / scale;
    canvas.viewbox({ x, y, width: container.width / scale, height: container.height / scale });
  }

  toggleMinimap() {
    this.modeler.get('minimap').toggle();
  }

  /** How many commands undo would take back; for tests and the toolbar's state. */
  history() {
    const stack = this.modeler.get('commandStack');
    return JSON.stringify({ canUndo: stack.canUndo(), canRedo: stack.canRedo() });
  }
}

customElements.define('cairn-journey-designer', CairnJourneyDesigner);
