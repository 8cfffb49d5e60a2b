// A node dropped onto a connection gets room: what lies below it moves down, so the journey stays
// readable top to bottom without a Tidy up after each insert.
import CommandInterceptor from 'diagram-js/lib/command/CommandInterceptor';
import { kindOf } from './kinds';

const AFTER_INSERT = 400;
const GAP = 50;

export default function CairnRoom(eventBus, modeling, canvas, elementRegistry) {
  CommandInterceptor.call(this, eventBus);
  this.postExecuted('shape.create', AFTER_INSERT, ({ context }) => {
    const shape = context.shape;
    if (!context.targetFlow || shape.labelTarget) {
      return;
    }
    const root = canvas.getRootElement();
    const nodesBelow = (y, except) =>
      elementRegistry.filter(
        (e) => e.parent === root && !except.includes(e) && !e.waypoints && !e.labelTarget && kindOf(e.businessObject) && e.y + e.height / 2 > y,
      );
    // Room above: the node keeps a gap to the one it follows.
    const above = (shape.incoming || []).map((flow) => flow.source).filter((source) => source && source.y < shape.y);
    if (above.length) {
      const sourceBottom = Math.max(...above.map((source) => source.y + source.height));
      const lift = sourceBottom + GAP - shape.y;
      if (lift > 0) {
        modeling.moveElements([shape, ...nodesBelow(shape.y + shape.height / 2, [shape, ...above])], { x: 0, y: Math.round(lift) });
      }
    }
    // Room below: what follows moves down.
    const below = (shape.outgoing || []).map((flow) => flow.target).filter((target) => target && target.y > shape.y);
    if (!below.length) {
      return;
    }
    const needed = shape.y + shape.height + GAP - Math.min(...below.map((target) => target.y));
    if (needed > 0) {
      const moving = nodesBelow(shape.y + shape.height / 2, [shape]);
      if (moving.length) {
        modeling.moveElements(moving, { x: 0, y: Math.round(needed) });
      }
    }
  });
}

CairnRoom.prototype = Object.create(CommandInterceptor.prototype);
CairnRoom.$inject = ['eventBus', 'modeling', 'canvas', 'elementRegistry'];
