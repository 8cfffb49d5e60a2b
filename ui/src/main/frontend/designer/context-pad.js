// "What comes next": from a node, the kinds that make sense after it, appended below it.
import { KINDS, iconUrl, kindOf } from './kinds';

const AFTER_STEP = ['email', 'sms', 'wait', 'wait-for-event', 'branch', 'split', 'update-contact', 'list', 'webhook', 'notify', 'wait-until', 'end'];

export default function CairnContextPad(contextPad, autoPlace, cairnElements, modeling, connect, create) {
  this.create = create;
  this.autoPlace = autoPlace;
  this.cairnElements = cairnElements;
  this.modeling = modeling;
  this.connect = connect;
  contextPad.registerProvider(this);
}

CairnContextPad.$inject = ['contextPad', 'autoPlace', 'cairnElements', 'modeling', 'connect', 'create'];

CairnContextPad.prototype.getContextPadEntries = function (element) {
  const kind = kindOf(element.businessObject);
  const entries = {};
  const remove = {
    group: 'edit',
    className: 'bpmn-icon-trash',
    title: 'Delete',
    action: { click: () => this.modeling.removeElements([element]) },
  };
  if (element.waypoints) {
    return { delete: remove };
  }
  if (kind && kind !== 'end' && kind !== 'wait-for-event') {
    for (const next of AFTER_STEP) {
      entries['append-' + next] = {
        group: 'next',
        imageUrl: iconUrl(next),
        title: 'Then: ' + KINDS[next].label,
        action: {
          click: () => this.autoPlace.append(element, this.cairnElements.create(next)),
          dragstart: (event) => this.create.start(event, this.cairnElements.create(next), { source: element }),
        },
      };
    }
  }
  if (kind !== 'end') {
    entries.connect = {
      group: 'edit',
      className: 'bpmn-icon-connection-multi',
      title: 'Connect to another step',
      action: { click: (event) => this.connect.start(event, element), dragstart: (event) => this.connect.start(event, element) },
    };
  }
  entries.delete = remove;
  return (existing) => entries;
};
