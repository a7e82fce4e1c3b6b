import { parseGraphFile, serializeGraph } from '../io/graph-file';
import { graphFromLink, graphLink, hasGraphLink } from '../io/graph-link';
import type { Graph } from '../graph/types';
import type { App } from '../store/app';
import type { DocumentOrigin } from '../store/document-store';
import { EXAMPLES, loadExample } from '../store/examples';
import { openGraph } from '../store/layout';

/** A problem reading a file, for the error dialog. */
export interface FileProblem {
  readonly title: string;
  readonly message: string;
  readonly details: readonly string[];
}

type ProblemListener = (problem: FileProblem) => void;
let onProblem: ProblemListener = () => {};
export function setFileProblemListener(listener: ProblemListener): void {
  onProblem = listener;
}

/** Opens a graph file; an invalid one is reported and the current graph stays as it was. */
export async function openGraphFile(app: App, file: File): Promise<void> {
  const loaded = parseGraphFile(await file.text());
  if (!loaded.ok) {
    onProblem({
      title: `Cannot open ${file.name}`,
      message: loaded.error.message,
      details: loaded.error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
    });
    return;
  }
  await open(app, loaded.graph, 'file', file.name, `Cannot open ${file.name}`);
}

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
  await open(app, loaded.graph, 'link', null, 'Cannot open the graph in this link');
}

/** Opens a graph that was read; one that cannot be laid out is reported, and the current graph stays. */
async function open(app: App, graph: Graph, origin: DocumentOrigin, fileName: string | null, title: string) {
  try {
    await openGraph(app, graph, origin, fileName);
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
  const link = await graphLink(serializeGraph(app.doc.getState().graph), base);
  if (link.length > MAX_LINK_LENGTH) {
    const size = `${(link.length / 1e6).toFixed(1)} million characters`;
    const text = `This graph is too large for a link (${size}; browsers take up to 2 million): use Save instead`;
    app.run.setState({ notice: { text, tone: 'error' } });
    return;
  }
  try {
    await navigator.clipboard.writeText(link);
    app.run.setState({ notice: { text: `Link to this graph copied (${link.length} characters)`, tone: 'info' } });
  } catch (e) {
    app.run.setState({ notice: { text: `Could not copy the link: ${(e as Error).message}`, tone: 'error' } });
  }
}

export function saveGraphFile(app: App): void {
  const { graph, fileName } = app.doc.getState();
  const blob = new Blob([serializeGraph(graph)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName ?? `${(graph.name ?? 'graph').replace(/[^\w.-]+/g, '-')}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export async function openExample(app: App, file: string): Promise<void> {
  const example = EXAMPLES.find((e) => e.file === file);
  if (!example) return;
  try {
    await openGraph(app, await loadExample(example), 'example');
    app.selection.setState({ nodes: [], edges: [] });
  } catch (e) {
    onProblem({ title: `Cannot open the example ${example.title}`, message: (e as Error).message, details: [] });
  }
}
