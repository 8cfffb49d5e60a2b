// The designer's additions to the bpmn-js Modeler, as one diagram-js module.
import CairnCompose from './compose';
import CairnContextPad from './context-pad';
import CairnElements from './factory';
import CairnLayouter from './layouter';
import CairnPalette from './palette';
import CairnPlacement from './placement';
import CairnRoom from './room';
import CairnSettings from './settings';
import CairnTidy from './tidy';
import { rendererModule } from './renderer';

export default {
  __depends__: [rendererModule],
  __init__: ['cairnPalette', 'cairnContextPad', 'cairnCompose', 'cairnPlacement', 'cairnSettings', 'cairnTidy', 'cairnRoom'],
  cairnElements: ['type', CairnElements],
  layouter: ['type', CairnLayouter],
  cairnPalette: ['type', CairnPalette],
  cairnContextPad: ['type', CairnContextPad],
  cairnCompose: ['type', CairnCompose],
  cairnPlacement: ['type', CairnPlacement],
  cairnSettings: ['type', CairnSettings],
  cairnTidy: ['type', CairnTidy],
  cairnRoom: ['type', CairnRoom],
};
