import type { GraphEdge, GraphNode } from '../graph/types';
import type { NodeBox } from '../layout/node-box';
import type { App } from '../store/app';
import { LESSONS } from '../store/lessons';
import { tidyGraph } from '../store/layout';
import { copyGraphLink, saveGraphFile } from './file-actions';

export interface CommandContext {
  readonly app: App;
  /** Opens the file picker (the hidden input lives in the toolbar). */
  readonly openFile: () => void;
  /** Opens the folder picker, for a model's folder. */
  readonly openFolder: () => void;
  /** Opens the export dialog. */
  readonly openExport: () => void;
  /** Opens the command palette. */
  readonly openPalette: () => void;
  /** Opens the canvas's quick-add search, at the pointer (else mid-canvas). */
  readonly openQuickAdd: () => void;
  readonly fitView: () => void;
  /** The nodes as the canvas drew them, for a layout to work with real sizes. */
  readonly measuredBoxes: () => ReadonlyMap<string, NodeBox>;
}

/** One action of the editor: its label, its shortcut, and what it does — toolbar and keyboard share it. */
export interface Command {
  readonly id: string;
  readonly label: string;
  readonly shortcut?: string;
  readonly keyTest?: (e: KeyboardEvent) => boolean;
  /** Also when the focus is in a text field. */
  readonly inFields?: boolean;
  perform(ctx: CommandContext): void;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;

let clipboard: { nodes: GraphNode[]; edges: GraphEdge[] } | null = null;

export const COMMANDS = {
  newGraph: {
    id: 'new',
    label: 'New',
    perform: ({ app }) => {
      app.doc.getState().load({ nodes: [], edges: [] }, 'new');
      app.selection.setState({ nodes: [], edges: [] });
    },
  },
  undo: {
    id: 'undo',
    label: 'Undo',
    shortcut: 'Ctrl+Z',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z',
    perform: ({ app }) => app.doc.temporal.getState().undo(),
  },
  redo: {
    id: 'redo',
    label: 'Redo',
    shortcut: 'Ctrl+Shift+Z',
    keyTest: (e) => mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y'),
    perform: ({ app }) => app.doc.temporal.getState().redo(),
  },
  run: {
    id: 'run',
    label: 'Run',
    shortcut: 'Ctrl+Enter',
    inFields: true,
    keyTest: (e) => mod(e) && e.key === 'Enter',
    perform: ({ app }) => void app.runner.runNow(),
  },
  step: {
    id: 'step',
    label: 'Step',
    shortcut: 'F10',
    keyTest: (e) => e.key === 'F10',
    perform: ({ app }) => void app.runner.step(),
  },
  copy: {
    id: 'copy',
    label: 'Copy',
    shortcut: 'Ctrl+C',
    keyTest: (e) => mod(e) && e.key.toLowerCase() === 'c',
    perform: ({ app }) => {
      const ids = new Set(app.selection.getState().nodes);
      const { graph } = app.doc.getState();
      if (!ids.size) return;
      clipboard = {
        nodes: graph.nodes.filter((n) => ids.has(n.id)),
        edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
      };
    },
  },
  paste: {
    id: 'paste',
    label: 'Paste',
    shortcut: 'Ctrl+V',
    keyTest: (e) => mod(e) && e.key.toLowerCase() === 'v',
    perform: ({ app }) => {
      if (!clipboard) return;
      const ids = app.doc.getState().paste(clipboard.nodes, clipboard.edges, { x: 40, y: 40 });
      app.selection.setState({ nodes: ids, edges: [] });
    },
  },
  save: {
    id: 'save',
    label: 'Save',
    shortcut: 'Ctrl+S',
    inFields: true,
    keyTest: (e) => mod(e) && e.key.toLowerCase() === 's',
    perform: ({ app }) => saveGraphFile(app),
  },
  copyLink: {
    id: 'copy-link',
    label: 'Copy link',
    perform: ({ app }) => void copyGraphLink(app),
  },
  open: {
    id: 'open',
    label: 'Open…',
    shortcut: 'Ctrl+O',
    inFields: true,
    keyTest: (e) => mod(e) && e.key.toLowerCase() === 'o',
    perform: ({ openFile }) => openFile(),
  },
  openFolder: {
    id: 'open-folder',
    label: 'Open folder…',
    perform: ({ openFolder }) => openFolder(),
  },
  exportGraph: {
    id: 'export',
    label: 'Export…',
    shortcut: 'Ctrl+E',
    inFields: true,
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'e',
    perform: ({ openExport }) => openExport(),
  },
  fitView: {
    id: 'fit-view',
    label: 'Fit view',
    shortcut: 'Shift+1',
    keyTest: (e) => e.shiftKey && e.code === 'Digit1',
    perform: ({ fitView }) => fitView(),
  },
  tidy: {
    id: 'tidy',
    label: 'Tidy layout',
    shortcut: 'Shift+L',
    keyTest: (e) => e.shiftKey && !mod(e) && !e.altKey && e.code === 'KeyL',
    perform: ({ app, fitView, measuredBoxes }) =>
      void tidyGraph(app, measuredBoxes()).then(
        (tidied) => tidied && fitView(),
        (e: unknown) =>
          app.run.setState({ notice: { text: `Could not tidy: ${(e as Error).message}`, tone: 'error' } }),
      ),
  },
  eagerMode: {
    id: 'eager-mode',
    label: 'Eager mode',
    perform: ({ app }) => app.runner.setMode('eager'),
  },
  graphMode: {
    id: 'graph-mode',
    label: 'Graph mode',
    perform: ({ app }) => app.runner.setMode('graph'),
  },
  quickAdd: {
    id: 'quick-add',
    label: 'Add a node…',
    shortcut: 'Shift+A',
    keyTest: (e) => e.shiftKey && !mod(e) && !e.altKey && e.key.toLowerCase() === 'a',
    perform: ({ openQuickAdd }) => openQuickAdd(),
  },
  palette: {
    id: 'palette',
    label: 'Command palette',
    shortcut: 'Ctrl+K',
    inFields: true,
    keyTest: (e) => mod(e) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k',
    perform: ({ openPalette }) => openPalette(),
  },
} satisfies Record<string, Command>;

/** One command per lesson, "Lesson: <title>": it starts the lesson, or resumes it where it was left. */
export function lessonCommands(): Command[] {
  return LESSONS.map((lesson) => ({
    id: `lesson-${lesson.id}`,
    label: `Lesson: ${lesson.title}`,
    perform: ({ app }) => void app.lessons.start(lesson.id),
  }));
}

/** What the command palette lists: every command but the palette itself, and the lessons. */
export function paletteCommands(): Command[] {
  return [...Object.values(COMMANDS).filter((c: Command) => c.id !== COMMANDS.palette.id), ...lessonCommands()];
}

export function commandForKey(e: KeyboardEvent): Command | undefined {
  const inField = (e.target as HTMLElement | null)?.closest?.('input, textarea, select, [contenteditable="true"]');
  return Object.values(COMMANDS).find((c: Command) => (!inField || c.inFields) && c.keyTest?.(e));
}
