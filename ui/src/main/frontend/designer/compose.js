// One drop, a working piece of journey: a "wait for event" lands with its event, its timeout and
// both paths; a branch with a conditional path and "everyone else"; an A/B split with two 50 %
// variants. Runs inside the command that creates the node, so one undo takes all of it back.
import CommandInterceptor from 'diagram-js/lib/command/CommandInterceptor';

const LOW_PRIORITY = 500;
const SIDE = 100;
const DOWN = 130;

export default function CairnCompose(eventBus, modeling, cairnElements, cairnSettings) {
  CommandInterceptor.call(this, eventBus);
  this.postExecuted('shape.create', LOW_PRIORITY, (event) => {
    const shape = event.context.shape;
    const compose = shape.cairnCompose;
    if (!compose) {
      return;
    }
    delete shape.cairnCompose;
    const existing = (shape.outgoing || []).slice();
    const centre = { x: shape.x + shape.width / 2, y: shape.y + shape.height / 2 };
    const left = { x: centre.x - SIDE, y: centre.y + DOWN };
    const right = { x: centre.x + SIDE, y: centre.y + DOWN };
    const below = (position) => ({ x: position.x, y: position.y + DOWN });

    if (compose === 'wait-for-event') {
      const happened = modeling.appendShape(shape, cairnElements.create('event'), left, shape.parent);
      const timeout = cairnElements.create('wait');
      timeout.businessObject.name = 'No event in 1 day';
      const timedOut = modeling.appendShape(shape, timeout, right, shape.parent);
      // The journey goes on after the timeout, as it did before the wait was dropped into it.
      existing.forEach((flow) => modeling.reconnectStart(flow, timedOut, { x: right.x, y: right.y + 18 }));
      appendEnd(happened, below(left), 'End');
      shape.cairnContinue = existing.length ? timedOut : appendEnd(timedOut, below(right), 'End');
      return;
    }
    if (compose === 'branch') {
      let otherwise = existing[0];
      let firstPath;
      if (otherwise) {
        // Dropped into a journey: both paths go on to the next step; a step dropped onto "Path 1"
        // then becomes what only its contacts get.
        firstPath = modeling.connect(shape, otherwise.target, { type: 'bpmn:SequenceFlow' });
      } else {
        firstPath = appendEnd(shape, left, 'End').incoming[0];
        otherwise = appendEnd(shape, right, 'End').incoming[0];
        shape.cairnContinue = otherwise.target;
      }
      modeling.updateProperties(firstPath, { name: 'Path 1' });
      modeling.updateProperties(otherwise, { name: 'Everyone else' });
      modeling.updateProperties(shape, { default: otherwise.businessObject });
      return;
    }
    if (compose === 'split') {
      let first = existing[0];
      if (!first) {
        first = appendEnd(shape, left, 'End').incoming[0];
        shape.cairnContinue = first.target;
      }
      const second = appendEnd(shape, right, 'Holdout').incoming[0];
      cairnSettings.apply(first, { name: 'A · 50%', properties: { 'cairn:weight': '50' } });
      cairnSettings.apply(second, { name: 'B · 50%', properties: { 'cairn:weight': '50' } });
    }
  });

  function appendEnd(source, position, name) {
    const end = cairnElements.create('end');
    end.businessObject.name = name;
    return modeling.appendShape(source, end, position, source.parent);
  }
}

CairnCompose.prototype = Object.create(CommandInterceptor.prototype);
CairnCompose.$inject = ['eventBus', 'modeling', 'cairnElements', 'cairnSettings'];
