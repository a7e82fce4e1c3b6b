import type { DocumentSettings } from '../graph/document-settings';
import type { Graph } from '../graph/types';
import { layoutGraph, withPositions } from '../layout/layout-graph';
import { nodeBoxes, type NodeBox } from '../layout/node-box';
import { validationOf, type DocumentOrigin, type DocumentStore } from './document-store';
import type { RunStore } from './run-store';

interface Stores {
  readonly doc: DocumentStore;
  readonly run: RunStore;
}

/** Per document, the number of graphs asked to open: a layout that finishes after a later open is dropped. */
const opening = new WeakMap<DocumentStore, number>();

/**
 * Loads a graph (and how it runs, where its file says) into the document once every node has a
 * place (see `withPositions`), so that a graph whose file gives no positions never opens stacked
 * on one point.
 */
export async function openGraph(
  stores: Stores,
  graph: Graph,
  origin: DocumentOrigin,
  fileName: string | null = null,
  trusted?: boolean,
  settings?: DocumentSettings,
): Promise<void> {
  const ticket = (opening.get(stores.doc) ?? 0) + 1;
  opening.set(stores.doc, ticket);
  const unplaced = graph.nodes.filter((n) => !n.position).length;
  const placed = unplaced
    ? await whileLayingOut(stores, unplaced, () => withPositions(graph, nodeBoxes(graph, validationOf(graph))))
    : { graph, routes: new Map() };
  if (opening.get(stores.doc) !== ticket) return;
  stores.doc.getState().load(placed.graph, origin, fileName, trusted, settings);
  stores.doc.getState().route(placed.routes);
}

/**
 * Lays out the whole graph left to right, with the node sizes the canvas measured (`measured`),
 * as one undo step. A graph opened meanwhile is left alone. Resolves to whether it was laid out.
 */
export async function tidyGraph(stores: Stores, measured: ReadonlyMap<string, NodeBox>): Promise<boolean> {
  const { graph, loads } = stores.doc.getState();
  if (!graph.nodes.length) return false;
  const { positions, routes } = await whileLayingOut(stores, graph.nodes.length, () =>
    layoutGraph(graph, nodeBoxes(graph, validationOf(graph), measured)),
  );
  if (stores.doc.getState().loads !== loads) return false;
  stores.doc.getState().arrange(positions, routes);
  return true;
}

/** Runs a layout with a notice in the status bar (a large graph takes seconds), cleared after unless replaced. */
async function whileLayingOut<T>({ run }: Stores, nodes: number, layout: () => Promise<T>): Promise<T> {
  const notice = { text: `Laying out ${nodes.toLocaleString('en-US')} nodes…`, tone: 'info' } as const;
  run.setState({ notice });
  try {
    return await layout();
  } finally {
    if (run.getState().notice === notice) run.setState({ notice: null });
  }
}
