// Connections for a journey read top to bottom: down from a step into the top of the next, out of
// a branch's side corner and down into each path's first step; a loop back goes round the right.
import BpmnLayouter from 'bpmn-js/lib/features/modeling/BpmnLayouter';

const LOOP_GAP = 40;

export default function CairnLayouter(elementRegistry) {
  BpmnLayouter.call(this, elementRegistry);
}

CairnLayouter.prototype = Object.create(BpmnLayouter.prototype);
CairnLayouter.$inject = ['elementRegistry'];

CairnLayouter.prototype.layoutConnection = function (connection, hints) {
  const { source, target } = connection;
  if (!source || !target || connection.type !== 'bpmn:SequenceFlow' || source.labelTarget || target.labelTarget) {
    return BpmnLayouter.prototype.layoutConnection.call(this, connection, hints);
  }
  // A second path between the same two nodes (a branch whose paths meet again) goes round the left.
  const twins = (source.outgoing || []).filter((flow) => flow.target === target);
  const index = twins.indexOf(connection);
  if (index > 0) {
    return aside(source, target, index);
  }
  return topDown(source, target);
};

function aside(source, target, index) {
  const sy = source.y + source.height / 2;
  const ty = target.y + target.height / 2;
  const leftX = Math.min(source.x, target.x) - LOOP_GAP * index;
  return [
    { x: source.x, y: sy },
    { x: leftX, y: sy },
    { x: leftX, y: ty },
    { x: target.x, y: ty },
  ];
}

export function topDown(source, target) {
  const sx = source.x + source.width / 2;
  const tx = target.x + target.width / 2;
  const sourceBottom = source.y + source.height;
  if (target.y >= sourceBottom) {
    if (Math.abs(sx - tx) < 3) {
      return [{ x: sx, y: sourceBottom }, { x: sx, y: target.y }];
    }
    if (source.type.endsWith('Gateway')) {
      const sy = source.y + source.height / 2;
      const sideX = tx < sx ? source.x : source.x + source.width;
      return [{ x: sideX, y: sy }, { x: tx, y: sy }, { x: tx, y: target.y }];
    }
    const midY = Math.round(sourceBottom + (target.y - sourceBottom) / 2);
    return [{ x: sx, y: sourceBottom }, { x: sx, y: midY }, { x: tx, y: midY }, { x: tx, y: target.y }];
  }
  // Back up the journey (a loop), or beside it: round the right-hand side.
  const sy = source.y + source.height / 2;
  const ty = target.y + target.height / 2;
  const right = Math.max(source.x + source.width, target.x + target.width) + LOOP_GAP;
  return [
    { x: source.x + source.width, y: sy },
    { x: right, y: sy },
    { x: right, y: ty },
    { x: target.x + target.width, y: ty },
  ];
}
