// A node's Cairn settings as plain JSON for the server's properties panel, and the server's
// changes applied back through bpmn-js's modeling API, all of one change as one undo step.
import { cairnProperties, kindOf, taskHeaders, taskType } from './kinds';

export default function CairnSettings(commandStack, modeling, bpmnFactory, moddle, canvas, eventBus, cairnElements) {
  this.commandStack = commandStack;
  this.modeling = modeling;
  this.bpmnFactory = bpmnFactory;
  this.moddle = moddle;
  this.canvas = canvas;
  this.cairnElements = cairnElements;
  commandStack.registerHandler('cairn.settings.update', UpdateSettings);
  commandStack.registerHandler('cairn.split.holdout', SetHoldout);
  // A split is known by its paths' weights: redraw the gateway when a path's settings change.
  eventBus.on('elements.changed', ({ elements }) => {
    const gateways = new Set();
    elements.forEach((element) => {
      if (element.waypoints && element.source && element.source.type === 'bpmn:ExclusiveGateway' && !elements.includes(element.source)) {
        gateways.add(element.source);
      }
    });
    gateways.forEach((gateway) => eventBus.fire('element.changed', { element: gateway }));
  });
}

CairnSettings.$inject = ['commandStack', 'modeling', 'bpmnFactory', 'moddle', 'canvas', 'eventBus', 'cairnElements'];

/** What the properties panel needs to know of an element (the journey itself for the root). */
CairnSettings.prototype.read = function (element) {
  const bo = element.businessObject;
  const definition = (bo.eventDefinitions || [])[0];
  const result = {
    id: bo.id,
    type: bo.$type,
    kind: element.waypoints ? 'path' : bo.$type === 'bpmn:Process' ? 'journey' : kindOf(bo) || 'other',
    name: bo.name || '',
    properties: cairnProperties(bo),
    headers: taskHeaders(bo),
  };
  if (taskType(bo)) {
    result.taskType = taskType(bo);
  }
  if (definition && definition.$type === 'bpmn:TimerEventDefinition' && definition.timeDuration) {
    result.timer = definition.timeDuration.body;
  }
  if (definition && definition.$type === 'bpmn:MessageEventDefinition') {
    result.message = definition.messageRef ? definition.messageRef.name || '' : '';
  }
  if (element.waypoints) {
    const source = element.source.businessObject;
    result.from = { id: source.id, kind: kindOf(source), name: source.name || '' };
    result.to = { id: element.target.businessObject.id, kind: kindOf(element.target.businessObject), name: element.target.businessObject.name || '' };
    result.isDefault = source.default === bo;
  }
  if (bo.$type === 'bpmn:EventBasedGateway') {
    result.paths = (element.outgoing || []).map((flow) => this.read(flow.target));
  }
  if (result.kind === 'split') {
    const holdouts = holdoutsOf(element);
    result.paths = (element.outgoing || []).map((flow) => ({ ...this.read(flow), holdout: holdouts.includes(flow) }));
  }
  return result;
};

/** Applies {name, properties, headers, timer, message, isDefault} (null values remove) as one undo step. */
CairnSettings.prototype.apply = function (element, change) {
  this.commandStack.execute('cairn.settings.update', { element, change, settings: this });
};

function UpdateSettings() {}

UpdateSettings.prototype.preExecute = function (context) {
  const { element, change, settings } = context;
  const { modeling, bpmnFactory, moddle } = settings;
  const bo = element.businessObject;
  if (change.name !== undefined && change.name !== (bo.name || '')) {
    modeling.updateModdleProperties(element, bo, { name: change.name || undefined });
  }
  const extensions = () => {
    if (!bo.extensionElements) {
      modeling.updateModdleProperties(element, bo, { extensionElements: bpmnFactory.create('bpmn:ExtensionElements', { values: [] }) });
    }
    return bo.extensionElements;
  };
  const container = (type, listName) => {
    let found = (bo.extensionElements?.values || []).find((value) => value.$type === type);
    if (!found) {
      const extensionElements = extensions();
      found = moddle.create(type, { [listName]: [] });
      found.$parent = extensionElements;
      modeling.updateModdleProperties(element, extensionElements, { values: [...extensionElements.values, found] });
    }
    return found;
  };
  const updateList = (entries, type, listName, itemType, keyName) => {
    if (!entries || !Object.keys(entries).length) {
      return;
    }
    const list = container(type, listName);
    let items = (list[listName] || []).slice();
    for (const [key, value] of Object.entries(entries)) {
      const existing = items.find((item) => item[keyName] === key);
      if (value === null || value === undefined) {
        items = items.filter((item) => item !== existing);
      } else if (existing) {
        if (existing.value !== value) {
          modeling.updateModdleProperties(element, existing, { value });
        }
      } else {
        const item = moddle.create(itemType, { [keyName]: key, value });
        item.$parent = list;
        items.push(item);
      }
    }
    const before = list[listName] || [];
    if (items.length !== before.length || items.some((item, i) => item !== before[i])) {
      modeling.updateModdleProperties(element, list, { [listName]: items });
    }
  };
  updateList(change.properties, 'zeebe:Properties', 'properties', 'zeebe:Property', 'name');
  updateList(change.headers, 'zeebe:TaskHeaders', 'values', 'zeebe:Header', 'key');

  const definition = (bo.eventDefinitions || [])[0];
  if (change.timer !== undefined && definition && definition.$type === 'bpmn:TimerEventDefinition') {
    if (definition.timeDuration) {
      modeling.updateModdleProperties(element, definition.timeDuration, { body: change.timer });
    } else {
      const expression = bpmnFactory.create('bpmn:FormalExpression', { body: change.timer });
      expression.$parent = definition;
      modeling.updateModdleProperties(element, definition, { timeDuration: expression });
    }
  }
  if (change.message !== undefined && definition && definition.$type === 'bpmn:MessageEventDefinition') {
    const definitions = settings.canvas.getRootElement().businessObject.$parent;
    let message = (definitions.rootElements || []).find((root) => root.$type === 'bpmn:Message' && root.name === change.message);
    if (!message) {
      message = bpmnFactory.create('bpmn:Message', { name: change.message });
      message.$parent = definitions;
      modeling.updateModdleProperties(element, definitions, { rootElements: [...definitions.rootElements, message] });
    }
    modeling.updateModdleProperties(element, definition, { messageRef: message });
  }
  if (change.isDefault !== undefined && element.waypoints) {
    const gateway = element.source;
    const isDefault = gateway.businessObject.default === bo;
    if (change.isDefault && !isDefault) {
      modeling.updateModdleProperties(gateway, gateway.businessObject, { default: bo });
    } else if (!change.isDefault && isDefault) {
      modeling.updateModdleProperties(gateway, gateway.businessObject, { default: undefined });
    }
  }
};

/** Gives an A/B split a holdout (a path straight to an End) or takes it away, as one undo step. */
CairnSettings.prototype.setHoldout = function (split, on) {
  this.commandStack.execute('cairn.split.holdout', { split, on, settings: this });
};

const HOLDOUT_SHARE = 10;
const SHARE_IN_NAME = / · \d+%$/;

function SetHoldout() {}

SetHoldout.prototype.preExecute = function (context) {
  const { split, on, settings } = context;
  const { modeling, cairnElements } = settings;
  const outgoing = (split.outgoing || []).slice();
  const weight = (flow) => parseInt(cairnProperties(flow.businessObject)['cairn:weight'] || '0', 10) || 0;
  const holdouts = holdoutsOf(split);
  const variants = outgoing.filter((flow) => !holdouts.includes(flow));
  // The share moves to or from the biggest variant, so the weights still add up to 100.
  const biggest = variants.reduce((best, flow) => (!best || weight(flow) > weight(best) ? flow : best), undefined);
  const setShare = (flow, share) => {
    const name = flow.businessObject.name || '';
    settings.apply(flow, { name: SHARE_IN_NAME.test(name) ? name.replace(SHARE_IN_NAME, ' · ' + share + '%') : name, properties: { 'cairn:weight': String(share) } });
  };
  if (on && !holdouts.length) {
    const end = cairnElements.create('end');
    end.businessObject.name = 'Holdout';
    const right = Math.max(split.x + split.width, ...variants.map((flow) => flow.target.x + flow.target.width));
    const shape = modeling.appendShape(split, end, { x: right + 80, y: split.y + split.height / 2 + 130 }, split.parent);
    const share = biggest ? Math.min(HOLDOUT_SHARE, weight(biggest)) : 100;
    settings.apply(shape.incoming[0], { name: 'Holdout · ' + share + '%', properties: { 'cairn:weight': String(share) } });
    if (biggest) {
      setShare(biggest, weight(biggest) - share);
    }
  } else if (!on && holdouts.length) {
    const freed = holdouts.reduce((sum, flow) => sum + weight(flow), 0);
    const ends = holdouts.map((flow) => flow.target).filter((end) => (end.incoming || []).length === 1);
    modeling.removeElements([...holdouts, ...ends]);
    if (biggest) {
      setShare(biggest, weight(biggest) + freed);
    }
  }
};

/**
 * A split's holdouts: its paths straight to an End. While every path still ends at once (a split
 * just dropped), the first is the variant the journey goes on with.
 */
function holdoutsOf(split) {
  const outgoing = split.outgoing || [];
  const toEnd = outgoing.filter((flow) => flow.target.type === 'bpmn:EndEvent');
  return toEnd.length === outgoing.length ? toEnd.slice(1) : toEnd;
}
