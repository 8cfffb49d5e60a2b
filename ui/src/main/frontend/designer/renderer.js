// Draws every journey node with its kind's icon and colour, so a marketer reads "Send email" or
// "Wait" at a glance instead of BPMN's task and event symbols. Connections and labels stay BPMN's.
import BaseRenderer from 'diagram-js/lib/draw/BaseRenderer';
import { append as svgAppend, attr as svgAttr, create as svgCreate, classes as svgClasses } from 'tiny-svg';
import { KINDS, caption, iconPath, kindOf } from './kinds';

const PRIORITY = 1500;

export default function CairnRenderer(eventBus, bpmnRenderer, textRenderer) {
  BaseRenderer.call(this, eventBus, PRIORITY);
  this.bpmnRenderer = bpmnRenderer;
  this.textRenderer = textRenderer;
}

CairnRenderer.prototype = Object.create(BaseRenderer.prototype);
CairnRenderer.$inject = ['eventBus', 'bpmnRenderer', 'textRenderer'];

CairnRenderer.prototype.canRender = function (element) {
  return !element.labelTarget && !element.waypoints && kindOf(element.businessObject) !== undefined;
};

CairnRenderer.prototype.drawShape = function (parent, element) {
  const bo = element.businessObject;
  const kind = kindOf(bo);
  const color = (KINDS[kind] || KINDS.step).color;
  let shape;
  if (element.type.endsWith('Event')) {
    shape = this.drawEvent(parent, element, kind, color);
  } else if (element.type.endsWith('Gateway')) {
    shape = this.drawGateway(parent, element, kind, color);
  } else {
    shape = this.drawStep(parent, element, kind, color, bo);
  }
  return shape;
};

CairnRenderer.prototype.getShapePath = function (element) {
  return this.bpmnRenderer.getShapePath(element);
};

CairnRenderer.prototype.drawStep = function (parent, element, kind, color, bo) {
  const { width, height } = element;
  const rect = svgCreate('rect', { x: 0, y: 0, width, height, rx: 10, ry: 10 });
  svgAttr(rect, { fill: '#fff', stroke: color, strokeWidth: 2 });
  svgAppend(parent, rect);
  const band = svgCreate('path', { d: topBand(width, 22, 10) });
  svgAttr(band, { fill: color, fillOpacity: 0.12, stroke: 'none' });
  svgAppend(parent, band);
  drawIcon(parent, kind, color, 5, 3, 16);
  const kindText = svgCreate('text', { x: 25, y: 15 });
  svgAttr(kindText, { fill: color, fontSize: '10px', fontWeight: 600, fontFamily: 'Arial, sans-serif' });
  kindText.textContent = ellipsis(caption(kind, bo).toUpperCase(), Math.floor((width - 30) / 6.2));
  svgClasses(kindText).add('cairn-kind');
  svgAppend(parent, kindText);
  const name = this.textRenderer.createText(bo.name || '', {
    box: { width, height: height - 22 },
    align: 'center-middle',
    padding: 5,
    style: { fill: '#222' },
  });
  svgAttr(name, { transform: 'translate(0, 22)' });
  svgAppend(parent, name);
  return rect;
};

CairnRenderer.prototype.drawEvent = function (parent, element, kind, color) {
  const r = element.width / 2;
  const outer = svgCreate('circle', { cx: r, cy: r, r });
  const thick = kind === 'end' ? 4 : 2;
  svgAttr(outer, { fill: '#fff', stroke: color, strokeWidth: thick });
  svgAppend(parent, outer);
  if (element.type === 'bpmn:IntermediateCatchEvent') {
    const inner = svgCreate('circle', { cx: r, cy: r, r: r - 3 });
    svgAttr(inner, { fill: 'none', stroke: color, strokeWidth: 1 });
    svgAppend(parent, inner);
  }
  if (kind === 'entry') {
    svgAttr(outer, { fill: '#e8f5e9' });
  }
  const size = Math.round(element.width * 0.55);
  drawIcon(parent, kind, color, r - size / 2, r - size / 2, size);
  return outer;
};

CairnRenderer.prototype.drawGateway = function (parent, element, kind, color) {
  const { width: w, height: h } = element;
  const diamond = svgCreate('polygon', { points: `${w / 2},0 ${w},${h / 2} ${w / 2},${h} 0,${h / 2}` });
  svgAttr(diamond, { fill: '#fff', stroke: color, strokeWidth: 2 });
  svgAppend(parent, diamond);
  const size = Math.round(w * 0.46);
  drawIcon(parent, kind, color, w / 2 - size / 2, h / 2 - size / 2, size);
  return diamond;
};

function drawIcon(parent, kind, color, x, y, size) {
  const icon = svgCreate('path', { d: iconPath(kind) });
  svgAttr(icon, {
    fill: 'none',
    stroke: color,
    strokeWidth: 2,
    strokeLinecap: 'round',
    strokeLinejoin: 'round',
    transform: `translate(${x}, ${y}) scale(${size / 24})`,
  });
  svgClasses(icon).add('cairn-icon');
  svgAppend(parent, icon);
}

function topBand(width, height, radius) {
  return `M0,${height} L0,${radius} Q0,0 ${radius},0 L${width - radius},0 Q${width},0 ${width},${radius} L${width},${height} Z`;
}

function ellipsis(text, max) {
  return text.length <= max ? text : text.slice(0, Math.max(1, max - 1)) + '…';
}

export const rendererModule = {
  __init__: ['cairnRenderer'],
  cairnRenderer: ['type', CairnRenderer],
};
