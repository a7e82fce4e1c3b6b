import { parseGraphFile, serializeGraph } from '../io/graph-file';
import { openFiles } from '../io/open-files';
import { registry } from '../ops/registry';
import { graphFromLink, graphLink, hasGraphLink } from '../io/graph-link';
import type { DocumentSettings } from '../graph/document-settings';
import type { Graph } from '../graph/types';
import type { App } from '../store/app';
import type { DocumentOrigin } from '../store/document-store';
import { EXAMPLES, loadExampleFile } from '../store/examples';
import { openGraph } from '../store/layout';
import { graphFileName } from './graph-file-name';
import { confirmDone } from './toasts';

/** A problem reading a file, for the error dialog; or, with `notes`, what an import wants the user to know. */
export interface FileProblem {
  readonly title: string;
  readonly message: string;
  readonly details: readonly string[];
  readonly notes?: true;
}

type ProblemListener = (problem: FileProblem) => void;
let onProblem: ProblemListener = () => {};
export function setFileProblemListener(listener: ProblemListener): void {
  onProblem = listener;
}

/** A file the user gave, by its name or, from a folder, its path in it. */
export interface GivenFile {
  readonly path: string;
  readonly file: File;
}

/**
 * Opens what the user gave: a graph file, or a tfjs model (model.json with its weight files, loose
 * or in a folder). Anything else is reported, and the current graph stays as it was; what an
 * import wants the user to know (inputs of unknown size, ops Tensorloom lacks) is shown after.
 */
export async function openGivenFiles(app: App, given: readonly GivenFile[]): Promise<void> {
  const files = new Map(
    await Promise.all(given.map(async (g) => [g.path, new Uint8Array(await g.file.arrayBuffer())] as const)),
  );
  const names = given.map((g) => g.file.name);
  const opened = await openFiles(files, registry, readLayersModel);
  if (!opened.ok) {
    onProblem({
      title: `Cannot open ${names.length === 1 ? names[0] : `${names.length} files`}`,
      message: opened.message,
      details: opened.details,
    });
    return;
  }
  const fileName = opened.name.slice(opened.name.lastIndexOf('/') + 1);
  const title = `Cannot open ${fileName}`;
  if (opened.kind === 'graph') return open(app, opened.graph, 'file', fileName, title, opened.settings);
  // A model saved again is a Tensorloom graph file, not the model.json it came from.
  await open(app, opened.graph, 'file', fileName.replace(/\.json$/i, '.tensorloom.json'), title);
  if (opened.notes.length)
    onProblem({
      title: `Imported ${fileName}`,
      message: `${opened.graph.nodes.length.toLocaleString('en-US')} nodes from a ${opened.kind === 'graph-model' ? 'GraphModel' : 'Keras model'}. Worth knowing:`,
      details: opened.notes.map((n) => n.message),
      notes: true,
    });
}

const readLayersModel = async () => (await import('../io/keras/import-layers-model')).importLayersModel;

/**
 * Opens the graph a link carries (its `#graph=` fragment). Like a file, it opens untrusted; the graph
 * it replaces is one Undo away. A damaged link is reported and changes nothing.
 */
export async function openGraphLink(app: App, hash: string): Promise<void> {
  let text: string;
  try {
    text = await graphFromLink(hash);
  } catch (e) {
    onProblem({ title: 'Cannot open the graph in this link', message: (e as Error).message, details: [] });
    return;
  }
  const loaded = parseGraphFile(text);
  if (!loaded.ok) {
    onProblem({
      title: 'Cannot open the graph in this link',
      message: loaded.error.message,
      details: loaded.error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
    });
    return;
  }
  await open(app, loaded.graph, 'link', null, 'Cannot open the graph in this link', loaded.settings);
}

/** Opens a graph that was read; one that cannot be laid out is reported, and the current graph stays. */
async function open(
  app: App,
  graph: Graph,
  origin: DocumentOrigin,
  fileName: string | null,
  title: string,
  settings?: DocumentSettings,
) {
  try {
    await openGraph(app, graph, origin, fileName, undefined, settings);
  } catch (e) {
    onProblem({ title, message: `Its nodes could not be laid out: ${(e as Error).message}`, details: [] });
    return;
  }
  app.selection.setState({ nodes: [], edges: [] });
}

/**
 * Opens the graph in the address bar's link, if it has one, and takes it out of the address: a
 * reload then restores the session (autosaved from here on) instead of opening the link again.
 */
export async function openLinkInAddress(app: App): Promise<void> {
  if (!hasGraphLink(window.location.hash)) return;
  await openGraphLink(app, window.location.hash);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** Chromium's limit on a URL's length; other browsers' are no lower. */
const MAX_LINK_LENGTH = 2 * 1024 * 1024;

/** Puts a link that carries the whole graph on the clipboard, and says so (or why not) in the status bar. */
export async function copyGraphLink(app: App): Promise<void> {
  const base = window.location.href.split('#')[0]!;
  const { graph, settings } = app.doc.getState();
  const link = await graphLink(serializeGraph(graph, settings), base);
  if (link.length > MAX_LINK_LENGTH) {
    const size = `${(link.length / 1e6).toFixed(1)} million characters`;
    const text = `This graph is too large for a link (${size}; browsers take up to 2 million): use Save instead`;
    app.run.setState({ notice: { text, tone: 'error' } });
    return;
  }
  try {
    await navigator.clipboard.writeText(link);
    confirmDone(`Link to this graph copied (${link.length.toLocaleString('en-US')} characters)`);
  } catch (e) {
    app.run.setState({ notice: { text: `Could not copy the link: ${(e as Error).message}`, tone: 'error' } });
  }
}

/** Downloads the graph as a file named after it (see `graphFileName`), and says so. */
export function saveGraphFile(app: App): void {
  const { graph, fileName, settings } = app.doc.getState();
  const blob = new Blob([serializeGraph(graph, settings)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = graphFileName(graph.name, fileName);
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  confirmDone(`Saved ${link.download}`);
}

export async function openExample(app: App, file: string): Promise<void> {
  const example = EXAMPLES.find((e) => e.file === file);
  if (!example) return;
  try {
    // With the settings it carries: the optimizer example runs in graph mode, returning what it names.
    const { graph, settings } = await loadExampleFile(example.file);
    await openGraph(app, graph, 'example', null, undefined, settings);
    app.selection.setState({ nodes: [], edges: [] });
  } catch (e) {
    onProblem({ title: `Cannot open the example ${example.title}`, message: (e as Error).message, details: [] });
  }
}
