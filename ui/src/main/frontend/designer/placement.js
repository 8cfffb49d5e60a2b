// Journeys read top to bottom: a node appended to another goes below it (beside its siblings),
// and a palette click continues the journey from the selected node or its open end.
import { kindOf } from './kinds';

const GAP_Y = 60;
const GAP_X = 50;

export default function CairnPlacement(eventBus, autoPlace, modeling, canvas, selection, elementRegistry, directEditing) {
  this.directEditing = directEditing;
  this.autoPlace = autoPlace;
  this.modeling = modeling;
  this.canvas = canvas;
  this.selection = selection;
  this.elementRegistry = elementRegistry;
  // Above bpmn-js's own placement and its grid snapping (2000), which place to the right.
  eventBus.on('autoPlace', 2500, ({ source, shape }) => below(source, shape));
}

CairnPlacement.$inject = ['eventBus', 'autoPlace', 'modeling', 'canvas', 'selection', 'elementRegistry', 'directEditing'];

function nodes(registry) {
  return registry.filter((e) => !e.waypoints && !e.labelTarget && e.parent && e.type !== 'bpmn:Process' && kindOf(e.businessObject));
}

/** Below source; to the right of what already hangs below it. */
export function below(source, shape) {
  const centreX = source.x + source.width / 2;
  const y = source.y + source.height + GAP_Y + shape.height / 2;
  const siblings = (source.outgoing || []).map((flow) => flow.target).filter((target) => target && target.y > source.y);
  if (!siblings.length) {
    return { x: centreX, y };
  }
  const right = Math.max(...siblings.map((s) => s.x + s.width));
  return { x: right + GAP_X + shape.width / 2, y };
}

/**
 * Appends shape after source; before the End a path finishes in, so that clicking one step after
 * another grows the journey instead of forking it.
 */
CairnPlacement.prototype.continueAfter = function (source, shape) {
  const outgoing = source.outgoing || [];
  const isEnd = (e) => kindOf(e.businessObject) === 'end';
  let flow;
  if (isEnd(source) && (source.incoming || []).length === 1) {
    flow = source.incoming[0];
  } else if (outgoing.length === 1 && isEnd(outgoing[0].target)) {
    flow = outgoing[0];
  }
  if (!flow) {
    return isEnd(source) ? undefined : this.autoPlace.append(source, shape);
  }
  if (isEnd(shape)) {
    // The path ends already.
    this.selection.select(flow.target);
    return flow.target;
  }
  const end = flow.target;
  const from = flow.source;
  // The End moves down to make room; the new step takes its place on the path.
  const position = { x: end.x + end.width / 2, y: from.y + from.height + GAP_Y + shape.height / 2 };
  const room = position.y + shape.height / 2 + GAP_Y - end.y;
  if (room > 0) {
    this.modeling.moveElements([end], { x: 0, y: Math.round(room) });
  }
  const created = this.modeling.createShape(shape, { x: Math.round(position.x), y: Math.round(position.y) }, flow);
  this.selection.select(created);
  return created;
};

/**
 * A composed node (a branch, a wait for event) stays selected for its settings; the next palette
 * click goes on along its main path.
 */
CairnPlacement.prototype.continueFrom = function (created) {
  // Named by the palette and the properties panel; double-click renames on the canvas.
  if (this.directEditing.isActive()) {
    this.directEditing.cancel();
  }
  if (created) {
    this.canvas.scrollToElement(created, { top: 100, bottom: 160, left: 220, right: 100 });
  }
  if (created && created.cairnContinue) {
    this.next = { selected: created, continueAt: created.cairnContinue };
    delete created.cairnContinue;
    this.selection.select(created);
  }
  return created;
};

/** Where a clicked palette node goes: after the selected node, or after the journey's open end. */
CairnPlacement.prototype.place = function (shape) {
  const selected = this.selection.get().filter((e) => !e.waypoints && !e.labelTarget);
  let source = selected.length === 1 ? selected[0] : undefined;
  if (source && this.next && this.next.selected === source) {
    source = this.next.continueAt;
  }
  this.next = undefined;
  if (!source) {
    const open = nodes(this.elementRegistry).filter((e) => !(e.outgoing || []).length);
    source = open.sort((a, b) => b.y - a.y)[0];
  }
  if (source && kindOf(shape.businessObject) !== 'entry') {
    const created = this.continueAfter(source, shape);
    if (created) {
      return this.continueFrom(created);
    }
  }
  const all = nodes(this.elementRegistry);
  const root = this.canvas.getRootElement();
  let position;
  if (!all.length) {
    const viewbox = this.canvas.viewbox();
    position = { x: Math.round(viewbox.x + viewbox.width / 2), y: Math.round(viewbox.y + 80) };
  } else {
    const lowest = Math.max(...all.map((e) => e.y + e.height));
    const left = Math.min(...all.map((e) => e.x));
    position = { x: left + shape.width / 2, y: lowest + GAP_Y + shape.height / 2 };
  }
  const created = this.modeling.createShape(shape, position, root);
  this.selection.select(created);
  return this.continueFrom(created);
};
