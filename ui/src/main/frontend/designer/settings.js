// A node's Cairn settings as plain JSON for the server's properties panel, and the server's
// changes applied back through bpmn-js's modeling API, all of one change as one undo step.
import { cairnProperties, kindOf, taskHeaders, taskType } from './kinds';

export default function CairnSettings(commandStack, modeling, bpmnFactory, moddle, canvas, eventBus) {
  this.commandStack = commandStack;
  this.modeling = modeling;
  this.bpmnFactory = bpmnFactory;
  this.moddle = moddle;
  this.canvas = canvas;
  commandStack.registerHandler('cairn.settings.update', UpdateSettings);
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

CairnSettings.$inject = ['commandStack', 'modeling', 'bpmnFactory', 'moddle', 'canvas', 'eventBus'];

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
