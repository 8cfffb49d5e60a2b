// Makes the shape for a node kind, with the Cairn settings the compiler expects, so that a node
// dropped from the palette is already a valid step (an email step knows it is an email step).

const STEP_NAMES = {
  email: 'Send email',
  sms: 'Send SMS',
  'update-contact': 'Update contact',
  list: 'Add to list',
  webhook: 'Call webhook',
  notify: 'Notify team',
};

export default function CairnElements(bpmnFactory, elementFactory, moddle) {
  this.bpmnFactory = bpmnFactory;
  this.elementFactory = elementFactory;
  this.moddle = moddle;
}

CairnElements.$inject = ['bpmnFactory', 'elementFactory', 'moddle'];

CairnElements.prototype.extensionElements = function (values) {
  const extensionElements = this.bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
  for (const value of values) {
    value.$parent = extensionElements;
    extensionElements.values.push(value);
  }
  return extensionElements;
};

CairnElements.prototype.properties = function (settings) {
  const properties = this.moddle.create('zeebe:Properties', { properties: [] });
  for (const [name, value] of Object.entries(settings)) {
    const property = this.moddle.create('zeebe:Property', { name, value });
    property.$parent = properties;
    properties.properties.push(property);
  }
  return properties;
};

CairnElements.prototype.headers = function (headers) {
  const taskHeaders = this.moddle.create('zeebe:TaskHeaders', { values: [] });
  for (const [key, value] of Object.entries(headers)) {
    const header = this.moddle.create('zeebe:Header', { key, value });
    header.$parent = taskHeaders;
    taskHeaders.values.push(header);
  }
  return taskHeaders;
};

/** A new shape of the kind, not yet on the canvas. */
CairnElements.prototype.create = function (kind) {
  const f = this.bpmnFactory;
  switch (kind) {
    case 'entry': {
      const bo = f.create('bpmn:StartEvent', { name: 'Entry' });
      // Most journeys start on an event: the panel opens on the event to pick, and the check asks for it.
      bo.extensionElements = this.extensionElements([this.properties({ 'cairn:trigger-event': '', 'cairn:re-entry': 'one-at-a-time' })]);
      return this.shape('bpmn:StartEvent', bo);
    }
    case 'end':
      return this.shape('bpmn:EndEvent', f.create('bpmn:EndEvent', { name: 'End' }));
    case 'wait': {
      const bo = f.create('bpmn:IntermediateCatchEvent', { name: 'Wait 1 day' });
      bo.eventDefinitions = [this.timer(bo, 'P1D')];
      return this.shape('bpmn:IntermediateCatchEvent', bo);
    }
    case 'wait-until': {
      const bo = f.create('bpmn:IntermediateCatchEvent', { name: 'Wait until 09:00' });
      bo.eventDefinitions = [this.timer(bo, 'PT0S')];
      bo.extensionElements = this.extensionElements([this.properties({ 'cairn:wait-until': '09:00' })]);
      return this.shape('bpmn:IntermediateCatchEvent', bo);
    }
    case 'event': {
      const bo = f.create('bpmn:IntermediateCatchEvent', { name: 'Event happened' });
      const definition = f.create('bpmn:MessageEventDefinition');
      definition.$parent = bo;
      bo.eventDefinitions = [definition];
      return this.shape('bpmn:IntermediateCatchEvent', bo);
    }
    case 'wait-for-event': {
      const shape = this.shape('bpmn:EventBasedGateway', f.create('bpmn:EventBasedGateway', { name: 'Wait for event' }));
      // The rest (the event, the timeout and both paths) is added when the gateway lands.
      shape.cairnCompose = 'wait-for-event';
      return shape;
    }
    case 'branch': {
      const shape = this.shape('bpmn:ExclusiveGateway', f.create('bpmn:ExclusiveGateway', { name: 'Branch' }));
      shape.cairnCompose = 'branch';
      return shape;
    }
    case 'split': {
      const shape = this.shape('bpmn:ExclusiveGateway', f.create('bpmn:ExclusiveGateway', { name: 'A/B split' }));
      shape.cairnCompose = 'split';
      return shape;
    }
    default: {
      const type = STEP_TYPES[kind];
      if (!type) {
        throw new Error('No node kind ' + kind);
      }
      const bo = f.create('bpmn:ServiceTask', { name: STEP_NAMES[kind] });
      const definition = this.moddle.create('zeebe:TaskDefinition', { type, retries: '5' });
      const values = [definition];
      if (kind === 'update-contact') {
        values.push(this.headers({ attribute: 'tag' }));
      } else if (kind === 'list') {
        values.push(this.headers({ action: 'add' }));
      }
      bo.extensionElements = this.extensionElements(values);
      return this.shape('bpmn:ServiceTask', bo);
    }
  }
};

const STEP_TYPES = {
  email: 'cairn.email',
  sms: 'cairn.sms',
  'update-contact': 'cairn.update-contact',
  list: 'cairn.list',
  webhook: 'cairn.webhook',
  notify: 'cairn.notify',
};

CairnElements.prototype.timer = function (parent, duration) {
  const definition = this.bpmnFactory.create('bpmn:TimerEventDefinition');
  definition.timeDuration = this.bpmnFactory.create('bpmn:FormalExpression', { body: duration });
  definition.timeDuration.$parent = definition;
  definition.$parent = parent;
  return definition;
};

CairnElements.prototype.shape = function (type, businessObject) {
  return this.elementFactory.createShape({ type, businessObject });
};
