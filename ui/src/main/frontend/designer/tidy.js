// "Tidy up": lays the journey out top to bottom in layers (each node one row below the nodes
// before it), siblings side by side under their parent, as one undoable step.
import { kindOf } from './kinds';

const ROW = 130;
const COLUMN = 170;

export default function CairnTidy(commandStack, modeling, elementRegistry, canvas) {
  this.commandStack = commandStack;
  this.elementRegistry = elementRegistry;
  this.canvas = canvas;
  commandStack.registerHandler('cairn.tidy', TidyHandler);
  this.modeling = modeling;
}

CairnTidy.$inject = ['commandStack', 'modeling', 'elementRegistry', 'canvas'];

CairnTidy.prototype.tidy = function () {
  this.commandStack.execute('cairn.tidy', { tidy: this });
};

/** The new centre of every node, by id. */
export function layered(shapes, flows) {
  const ids = shapes.map((s) => s.id);
  const out = new Map(ids.map((id) => [id, []]));
  const incoming = new Map(ids.map((id) => [id, 0]));
  for (const flow of flows) {
    if (out.has(flow.source) && out.has(flow.target)) {
      out.get(flow.source).push(flow.target);
    }
  }
  // Back edges (a loop back to an earlier step) do not push their target further down.
  const back = new Set();
  const state = new Map();
  const roots = ids.filter((id) => !flows.some((f) => f.target === id && out.has(f.source)));
  const visit = (id) => {
    state.set(id, 'open');
    for (const next of out.get(id)) {
      if (state.get(next) === 'open') {
        back.add(id + '>' + next);
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    state.set(id, 'done');
  };
  roots.forEach(visit);
  ids.filter((id) => !state.has(id)).forEach(visit);
  for (const [id, targets] of out) {
    for (const target of targets) {
      if (!back.has(id + '>' + target)) {
        incoming.set(target, incoming.get(target) + 1);
      }
    }
  }
  // Longest path from an entry, in topological order.
  const layer = new Map(ids.map((id) => [id, 0]));
  const queue = ids.filter((id) => incoming.get(id) === 0);
  const order = [];
  while (queue.length) {
    const id = queue.shift();
    order.push(id);
    for (const target of out.get(id)) {
      if (back.has(id + '>' + target)) {
        continue;
      }
      layer.set(target, Math.max(layer.get(target), layer.get(id) + 1));
      incoming.set(target, incoming.get(target) - 1);
      if (incoming.get(target) === 0) {
        queue.push(target);
      }
    }
  }
  const rows = [];
  for (const id of order) {
    (rows[layer.get(id)] ||= []).push(id);
  }
  // Each row in the order of its parents' columns, so paths do not cross needlessly.
  const x = new Map();
  rows.forEach((row, index) => {
    if (index > 0) {
      const parentX = (id) => {
        const parents = flows.filter((f) => f.target === id && x.has(f.source)).map((f) => x.get(f.source));
        return parents.length ? parents.reduce((a, b) => a + b, 0) / parents.length : 0;
      };
      const weights = new Map(row.map((id, i) => [id, parentX(id) + i * 0.001]));
      row.sort((a, b) => weights.get(a) - weights.get(b));
      row.forEach((id, i) => x.set(id, (i - (row.length - 1) / 2) * COLUMN));
      // Centre the row under its parents.
      const shift = row.reduce((sum, id) => sum + parentX(id), 0) / row.length - row.reduce((sum, id) => sum + x.get(id), 0) / row.length;
      row.forEach((id) => x.set(id, x.get(id) + shift));
    } else {
      row.forEach((id, i) => x.set(id, (i - (row.length - 1) / 2) * COLUMN * 2));
    }
    // Siblings of different rows' parents may collide: keep a column between neighbours.
    for (let i = 1; i < row.length; i++) {
      const min = x.get(row[i - 1]) + COLUMN;
      if (x.get(row[i]) < min) {
        x.set(row[i], min);
      }
    }
  });
  const result = new Map();
  rows.forEach((row, index) => row.forEach((id) => result.set(id, { x: x.get(id), y: index * ROW })));
  return result;
}

function TidyHandler() {}

TidyHandler.prototype.preExecute = function (context) {
  const { tidy } = context;
  const registry = tidy.elementRegistry;
  const root = tidy.canvas.getRootElement();
  const shapes = registry.filter((e) => e.parent === root && !e.waypoints && !e.labelTarget && kindOf(e.businessObject));
  const connections = registry.filter((e) => e.waypoints && e.parent === root);
  const centres = layered(
    shapes.map((s) => ({ id: s.id })),
    connections.filter((c) => c.source && c.target).map((c) => ({ source: c.source.id, target: c.target.id })),
  );
  const minX = Math.min(...[...centres.values()].map((c) => c.x));
  for (const shape of shapes) {
    const centre = centres.get(shape.id);
    if (!centre) {
      continue;
    }
    const targetX = centre.x - minX + 200;
    const targetY = centre.y + 100;
    const delta = { x: Math.round(targetX - (shape.x + shape.width / 2)), y: Math.round(targetY - (shape.y + shape.height / 2)) };
    if (delta.x || delta.y) {
      tidy.modeling.moveElements([shape], delta);
    }
  }
  for (const connection of connections) {
    tidy.modeling.layoutConnection(connection);
  }
};
