// The journey language's node kinds as the canvas shows them: how each is recognised in the BPMN
// (the Cairn settings the compiler reads), its icon, colour and the words a marketer knows it by.
// Shared by the designer and the read-only monitoring diagram.

const ICONS = {
  entry: 'M8 5v14l11-7z',
  email: 'M3 6h18v12H3z M3 7l9 6 9-6',
  sms: 'M4 5h16v11H10l-5 4v-4H4z M8 10h8',
  wait: 'M7 3h10 M7 21h10 M8 3c0 6 8 5 8 9s-8 3-8 9 M16 3c0 6-8 5-8 9s8 3 8 9',
  'wait-until': 'M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5 M12 13v3h3',
  'wait-for-event': 'M13 2L5 13h6l-1 9 9-12h-6z',
  event: 'M13 2L5 13h6l-1 9 9-12h-6z',
  branch: 'M12 21v-8 M12 13L6 5 M12 13l6-8 M3 5h6 M15 5h6',
  split: 'M5 19L19 5 M7 5a2 2 0 1 0 0.01 0 M17 15a2 2 0 1 0 0.01 0',
  'update-contact': 'M12 11a4 4 0 1 0 0-8a4 4 0 0 0 0 8z M4 21c0-4 4-6 8-6s8 2 8 6',
  list: 'M9 6h11 M9 12h11 M9 18h11 M4 5h2v2H4z M4 11h2v2H4z M4 17h2v2H4z',
  webhook: 'M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1 M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1',
  notify: 'M6 16v-5a6 6 0 0 1 12 0v5l2 2H4z M10 20a2 2 0 0 0 4 0',
  goal: 'M5 21V4 M5 4h12l-2 4 2 4H5',
  exit: 'M14 4h5v16h-5 M10 8l-4 4 4 4 M6 12h10',
  end: 'M7 7h10v10H7z',
  step: 'M12 8a4 4 0 1 0 0.01 0 M12 2v3 M12 19v3 M2 12h3 M19 12h3',
};

/** Every kind the canvas knows; palette says where the palette offers it. */
export const KINDS = {
  entry: { label: 'Entry', color: '#2e7d32', palette: 'entry', title: 'Where contacts enter: an event, a segment, a schedule, the API or an import' },
  email: { label: 'Send email', color: '#1565c0', palette: 'message', task: 'cairn.email', title: 'Send an email from a template' },
  sms: { label: 'Send SMS', color: '#00897b', palette: 'message', task: 'cairn.sms', title: 'Send a text message' },
  wait: { label: 'Wait', color: '#b26a00', palette: 'wait', title: 'Wait for a while, e.g. 3 days' },
  'wait-until': { label: 'Wait until', color: '#b26a00', palette: 'wait', title: 'Wait until a date, an anniversary or a time of day in the contact\'s zone' },
  'wait-for-event': { label: 'Wait for event', color: '#6a1b9a', palette: 'wait', title: 'Wait for an event, with a timeout: creates both paths' },
  event: { label: 'Event happened', color: '#6a1b9a', title: 'The contact sent the event' },
  branch: { label: 'Branch', color: '#3949ab', palette: 'decide', title: 'Paths by condition, and one for everyone else' },
  split: { label: 'A/B split', color: '#3949ab', palette: 'decide', title: 'Random paths by weight, with an optional holdout' },
  'update-contact': { label: 'Update contact', color: '#546e7a', palette: 'act', task: 'cairn.update-contact', title: 'Change a contact attribute, a tag or a consent' },
  list: { label: 'Add to / remove from list', short: 'List', color: '#546e7a', palette: 'act', task: 'cairn.list', title: 'Put the contact on a list, or take them off' },
  webhook: { label: 'Call webhook', color: '#6d4c41', palette: 'act', task: 'cairn.webhook', title: 'Tell another system about the contact' },
  notify: { label: 'Notify team', color: '#6d4c41', palette: 'act', task: 'cairn.notify', title: 'Email someone on your team' },
  goal: { label: 'Goal', color: '#c62828', palette: 'end', title: 'The event that counts as a conversion and ends the journey' },
  exit: { label: 'Exit', color: '#c62828', palette: 'end', title: 'Events that take the contact out of the journey' },
  end: { label: 'End', color: '#424242', palette: 'end', title: 'The contact leaves the journey here' },
  step: { label: 'Step', color: '#757575', title: 'A step Cairn does not know' },
};

export const PALETTE_GROUPS = ['entry', 'message', 'wait', 'decide', 'act', 'end'];

/** An icon as inline SVG markup, stroked in the kind's colour (or the one given). */
export function iconSvg(kind, size = 20, color) {
  const k = KINDS[kind] || KINDS.step;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="${color || k.color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="${ICONS[kind] || ICONS.step}"/></svg>`;
}

export function iconUrl(kind, color) {
  return 'data:image/svg+xml;utf8,' + encodeURIComponent(iconSvg(kind, 24, color));
}

export function iconPath(kind) {
  return ICONS[kind] || ICONS.step;
}

// Reading Cairn settings from a business object //////////////////////////////////////////////

function extensions(bo, type) {
  const values = (bo && bo.extensionElements && bo.extensionElements.values) || [];
  return values.filter((value) => value.$type === type);
}

/** The zeebe:property values of an element (Cairn's settings), by name. */
export function cairnProperties(bo) {
  const result = {};
  for (const properties of extensions(bo, 'zeebe:Properties')) {
    for (const property of properties.properties || properties.get('properties') || []) {
      result[property.name] = property.value;
    }
  }
  return result;
}

/** The zeebe:header values of a step, by key. */
export function taskHeaders(bo) {
  const result = {};
  for (const headers of extensions(bo, 'zeebe:TaskHeaders')) {
    for (const header of headers.values || []) {
      result[header.key] = header.value;
    }
  }
  return result;
}

export function taskType(bo) {
  const definition = extensions(bo, 'zeebe:TaskDefinition')[0];
  return definition ? definition.type : undefined;
}

function eventDefinition(bo) {
  return (bo.eventDefinitions || [])[0];
}

/** The kind of a shape's business object, or undefined for what the journey language has no node for. */
export function kindOf(bo) {
  if (!bo) {
    return undefined;
  }
  switch (bo.$type) {
    case 'bpmn:StartEvent':
      return 'entry';
    case 'bpmn:EndEvent':
      return 'end';
    case 'bpmn:ServiceTask':
    case 'bpmn:Task': {
      const type = taskType(bo);
      const found = Object.keys(KINDS).find((kind) => KINDS[kind].task === type);
      return found || 'step';
    }
    case 'bpmn:IntermediateCatchEvent': {
      const definition = eventDefinition(bo);
      if (definition && definition.$type === 'bpmn:MessageEventDefinition') {
        return 'event';
      }
      return cairnProperties(bo)['cairn:wait-until'] ? 'wait-until' : 'wait';
    }
    case 'bpmn:EventBasedGateway':
      return 'wait-for-event';
    case 'bpmn:ExclusiveGateway':
      return (bo.outgoing || []).some((flow) => cairnProperties(flow)['cairn:weight'] !== undefined) ? 'split' : 'branch';
    default:
      return undefined;
  }
}

/** What the kind caption on a step says: the kind, or for an entry what starts it. */
export function caption(kind, bo) {
  if (kind === 'entry') {
    const settings = cairnProperties(bo);
    if (settings['cairn:trigger-schedule']) {
      return 'Entry · schedule';
    }
    if (settings['cairn:trigger-event'] === 'Segment Entered') {
      return 'Entry · segment';
    }
    if (settings['cairn:trigger-event']) {
      return 'Entry · ' + settings['cairn:trigger-event'];
    }
    if (settings['cairn:trigger-event'] === '') {
      return 'Entry · event';
    }
    return 'Entry · API';
  }
  return (KINDS[kind] || KINDS.step).short || (KINDS[kind] || KINDS.step).label;
}
