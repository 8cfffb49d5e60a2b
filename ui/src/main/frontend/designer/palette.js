// The marketing palette: Cairn's node kinds instead of BPMN's. Click places the node under the
// last step, drag places it where it is dropped (onto a connection: inserted there).
import { KINDS, PALETTE_GROUPS, iconSvg } from './kinds';

export default function CairnPalette(palette, create, cairnElements, handTool, lassoTool, globalConnect, eventBus, cairnPlacement) {
  this.create = create;
  this.cairnElements = cairnElements;
  this.handTool = handTool;
  this.lassoTool = lassoTool;
  this.globalConnect = globalConnect;
  this.eventBus = eventBus;
  this.cairnPlacement = cairnPlacement;
  palette.registerProvider(this);
}

CairnPalette.$inject = ['palette', 'create', 'cairnElements', 'handTool', 'lassoTool', 'globalConnect', 'eventBus', 'cairnPlacement'];

CairnPalette.prototype.getPaletteEntries = function () {
  const entries = {
    'hand-tool': {
      group: 'tools',
      className: 'bpmn-icon-hand-tool',
      title: 'Move the canvas',
      action: { click: (event) => this.handTool.activateHand(event) },
    },
    'lasso-tool': {
      group: 'tools',
      className: 'bpmn-icon-lasso-tool',
      title: 'Select several steps',
      action: { click: (event) => this.lassoTool.activateSelection(event) },
    },
    'global-connect-tool': {
      group: 'tools',
      className: 'bpmn-icon-connection-multi',
      title: 'Connect two steps',
      action: { click: (event) => this.globalConnect.start(event) },
    },
  };
  for (const group of PALETTE_GROUPS) {
    for (const [kind, info] of Object.entries(KINDS)) {
      if (info.palette !== group) {
        continue;
      }
      const settingsOnly = kind === 'goal' || kind === 'exit';
      entries['cairn-' + kind] = {
        group,
        title: info.title,
        html: `<div class="entry cairn-palette-entry" draggable="${!settingsOnly}" data-kind="${kind}">${iconSvg(kind, 18)}<span>${info.label}</span></div>`,
        action: settingsOnly
          ? { click: () => this.eventBus.fire('cairn.journeySettings', { focus: kind }) }
          : {
              click: () => this.cairnPlacement.place(this.cairnElements.create(kind)),
              dragstart: (event) => this.create.start(event, this.cairnElements.create(kind)),
            },
      };
    }
  }
  return () => entries;
};
