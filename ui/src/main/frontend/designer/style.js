// The designer's look: a palette with words, problem markers, Cairn's colours.
export const designerStyle = `
  cairn-journey-designer { display: block; position: relative; min-height: 420px; background: #fafbfc; }
  cairn-journey-designer .canvas { position: absolute; inset: 0; }
  cairn-journey-designer .djs-palette, cairn-journey-designer .djs-palette.two-column.open {
    width: 196px !important; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12);
  }
  cairn-journey-designer .djs-palette .djs-palette-entries { display: flex; flex-direction: column; }
  cairn-journey-designer .djs-palette .group[data-group="tools"] { display: flex; }
  cairn-journey-designer .djs-palette .cairn-palette-entry {
    display: flex !important; align-items: center; gap: 8px; width: auto !important; height: 28px !important; padding: 0 10px; white-space: nowrap;
    font: 13px/28px var(--lumo-font-family, sans-serif) !important; color: #333; cursor: pointer; text-align: left; float: none !important;
  }
  cairn-journey-designer .djs-palette .cairn-palette-entry:hover { background: #eef3fb; }
  cairn-journey-designer .djs-palette .cairn-palette-entry svg { flex: none; }
  cairn-journey-designer .djs-palette .separator { margin: 4px 8px; }
  cairn-journey-designer .djs-context-pad .entry img { width: 18px; height: 18px; margin: 3px; }
  cairn-journey-designer .djs-context-pad .group[data-group="next"] { display: grid; grid-template-columns: repeat(4, 24px); }
  cairn-journey-designer .djs-element.cairn-problem .djs-visual > :first-child { stroke: #c62828 !important; stroke-dasharray: 5 3; }
  cairn-journey-designer .cairn-problem-badge {
    width: 18px; height: 18px; border-radius: 9px; background: #c62828; color: #fff;
    font: 700 12px/18px sans-serif; text-align: center; cursor: help;
  }
  cairn-journey-designer .cairn-goal {
    position: absolute; top: 12px; right: 12px; display: flex; flex-direction: column; gap: 4px; cursor: pointer;
    font: 13px var(--lumo-font-family, sans-serif); color: #333; background: #fff; border: 1px solid #f2c9c9;
    border-radius: 8px; padding: 6px 10px; box-shadow: 0 1px 3px rgba(0,0,0,.08);
  }
  cairn-journey-designer .cairn-goal span { display: flex; align-items: center; gap: 6px; }
  /* Cairn's problems panel lists the linter's findings; the markers on the nodes stay. */
  cairn-journey-designer .bjsl-button { display: none; }
  /* The toolbar opens and closes the minimap; a closed one takes no room on the canvas. */
  cairn-journey-designer .djs-minimap { top: auto; bottom: 40px; right: 20px; }
  cairn-journey-designer .djs-minimap .toggle { display: none; }
  cairn-journey-designer .djs-minimap:not(.open) { display: none; }
`;
