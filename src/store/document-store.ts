import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import type { DocumentSettings } from '../graph/document-settings';
import * as edits from '../graph/edits';
import { insertOnEdge } from '../graph/insert-on-edge';
import { withoutNodes } from '../graph/settings-edits';
import type { TrainingSpec } from '../graph/training';
import type { AttrValue, Graph, GraphEdge, GraphNode, Position, TensorLiteral } from '../graph/types';
import { validateGraph, type Validation } from '../graph/validate';
import type { EdgeRoute } from '../layout/elk-graph';
import { registry } from '../ops/registry';
import { freshEdgeId, freshNodeId } from './ids';

/** Where the current document came from: files and links open untrusted once scripts exist. */
export type DocumentOrigin = 'new' | 'example' | 'file' | 'link' | 'restored';

/** The script nodes of a graph: what trust is about. */
export function scriptNodes(graph: Graph): Graph['nodes'] {
  return graph.nodes.filter((n) => registry.get(n.op)?.kind === 'script');
}

export interface DocumentState {
  readonly graph: Graph;
  readonly origin: DocumentOrigin;
  readonly fileName: string | null;
  /** Counts documents loaded (opened, not edited): the canvas fits its view to each new one. */
  readonly loads: number;
  /**
   * Whether its scripts may run. A graph from a file, a drop or a link, or one restored after a
   * crash, is untrusted until the user says so; graphs made here and the built-in examples are trusted.
   */
  readonly trusted: boolean;
  /**
   * Edge paths around the nodes from the last layout, by edge id. Not part of the history: a
   * route holds only while its two nodes are where the layout put them, which the canvas checks.
   */
  readonly routes: ReadonlyMap<string, EdgeRoute>;
  /**
   * How the document runs (loss target, mode, backend), saved with it. Not an undo step: the runner
   * keeps it equal to what runs, and applies a loaded document's.
   */
  readonly settings: DocumentSettings;
}

export interface DocumentActions {
  load(
    graph: Graph,
    origin: DocumentOrigin,
    fileName?: string | null,
    trusted?: boolean,
    settings?: DocumentSettings,
  ): void;
  setSettings(settings: DocumentSettings): void;
  trust(): void;
  addNode(op: string, position: Position, attrs?: Readonly<Record<string, AttrValue>>): string;
  connect(edge: Omit<GraphEdge, 'id'>): { ok: true } | { ok: false; reason: string };
  removeNodes(ids: readonly string[]): void;
  removeEdges(ids: readonly string[]): void;
  setAttrs(id: string, attrs: Readonly<Record<string, AttrValue>>): void;
  /** Several nodes' values in one undo step: trained weights kept. */
  setValues(values: ReadonlyMap<string, TensorLiteral>): void;
  setTraining(training: TrainingSpec | null): void;
  rename(id: string, name: string): void;
  /** Names and describes the graph: one undo step; Save then names the file after it. */
  describe(about: { readonly name: string; readonly description: string }): void;
  /** Moves nodes as they are dragged: not an undo step until `commitMove`. */
  dragNodes(positions: ReadonlyMap<string, Position>): void;
  commitMove(): void;
  /** Moves nodes to where a layout put them, with its edge routes: one undo step, however many nodes move. */
  arrange(positions: ReadonlyMap<string, Position>, routes: ReadonlyMap<string, EdgeRoute>): void;
  /** Keeps the edge routes of the layout the current graph was opened with. */
  route(routes: ReadonlyMap<string, EdgeRoute>): void;
  /** Adds copies of nodes (with the edges among them), offset, under fresh ids; returns the new ids. */
  paste(nodes: readonly GraphNode[], edges: readonly GraphEdge[], offset: Position): string[];
  /** Removes nodes (with their wires) and edges: one undo step, whatever the selection held. */
  remove(nodeIds: readonly string[], edgeIds: readonly string[]): void;
  /**
   * Adds a node wired to an existing port (`wire` names the new node's port and the other end):
   * one undo step. The node stays when the wire is refused, and the reason is returned.
   */
  addWiredNode(
    op: string,
    position: Position,
    wire: { readonly port: string; readonly other: { readonly node: string; readonly port: string } },
    side: 'feeds' | 'fed-by',
  ): { id: string; refused: string | null };
  /** Splits an edge with an unwired node (see graph/insert-on-edge): one undo step, with the drag that brought it. */
  insertOnEdge(edgeId: string, nodeId: string): { ok: true } | { ok: false; reason: string };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

const EMPTY: Graph = { nodes: [], edges: [] };

/** The document: the graph being edited, with undo and redo of every edit. */
export function createDocumentStore() {
  let dragStart: Graph | null = null;
  const store = createStore<DocumentState & DocumentActions>()(
    temporal(
      (set, get) => {
        const update = (graph: Graph) => set({ graph });
        return {
          graph: EMPTY,
          origin: 'new',
          fileName: null,
          loads: 0,
          trusted: true,
          routes: new Map(),
          settings: {},
          load: (graph, origin, fileName = null, trusted = origin === 'new' || origin === 'example', settings = {}) =>
            set({ graph, origin, fileName, trusted, loads: get().loads + 1, routes: new Map(), settings }),
          setSettings: (settings) => set({ settings }),
          trust: () => set({ trusted: true }),
          addNode: (op, position, attrs = {}) => {
            const { graph } = get();
            const id = freshNodeId(op, new Set(graph.nodes.map((n) => n.id)));
            update(edits.addNode(graph, { id, op, attrs, position }));
            return id;
          },
          connect: (edge) => {
            const { graph } = get();
            const id = freshEdgeId(new Set(graph.edges.map((e) => e.id)));
            const result = edits.connect(graph, { ...edge, id }, registry, validationOf(graph));
            if (!result.ok) return result;
            update(result.graph);
            return { ok: true };
          },
          removeNodes: (ids) => {
            const gone = new Set(ids);
            set({ graph: edits.removeNodes(get().graph, gone), settings: withoutNodes(get().settings, gone) });
          },
          removeEdges: (ids) => update(edits.removeEdges(get().graph, new Set(ids))),
          setAttrs: (id, attrs) => update(edits.setAttrs(get().graph, id, attrs)),
          setValues: (values) => update(edits.setValues(get().graph, values)),
          setTraining: (training) => update(edits.setTraining(get().graph, training)),
          rename: (id, name) => update(edits.renameNode(get().graph, id, name)),
          describe: (about) => {
            const graph = edits.describeGraph(get().graph, about);
            if (graph.name !== get().graph.name || graph.description !== get().graph.description)
              set({ graph, fileName: null });
          },
          dragNodes: (positions) => {
            if (!dragStart) {
              dragStart = get().graph;
              store.temporal.getState().pause();
            }
            update(edits.moveNodes(get().graph, positions));
          },
          commitMove: () => {
            if (!dragStart) return;
            const moved = get().graph;
            // Record one undo step from where the drag started to where it ended.
            set({ graph: dragStart });
            store.temporal.getState().resume();
            dragStart = null;
            update(moved);
          },
          arrange: (positions, routes) => {
            const { graph } = get();
            // A layout that moves nothing (Tidy on a tidy graph) is no undo step.
            const moves = graph.nodes.some((n) => {
              const to = positions.get(n.id);
              return to && (to.x !== n.position?.x || to.y !== n.position?.y);
            });
            set(moves ? { graph: edits.moveNodes(graph, positions), routes } : { routes });
          },
          route: (routes) => set({ routes }),
          paste: (nodes, edges, offset) => {
            let graph = get().graph;
            const taken = new Set(graph.nodes.map((n) => n.id));
            const renamed = new Map<string, string>();
            for (const node of nodes) {
              const id = freshNodeId(node.op, taken);
              taken.add(id);
              renamed.set(node.id, id);
              const at = node.position ?? { x: 0, y: 0 };
              graph = edits.addNode(graph, { ...node, id, position: { x: at.x + offset.x, y: at.y + offset.y } });
            }
            const edgeIds = new Set(graph.edges.map((e) => e.id));
            for (const edge of edges) {
              const source = renamed.get(edge.source);
              const target = renamed.get(edge.target);
              if (!source || !target) continue;
              const id = freshEdgeId(edgeIds);
              edgeIds.add(id);
              graph = { ...graph, edges: [...graph.edges, { ...edge, id, source, target }] };
            }
            update(graph);
            return [...renamed.values()];
          },
          remove: (nodeIds, edgeIds) => {
            const gone = new Set(nodeIds);
            set({
              graph: edits.removeEdges(edits.removeNodes(get().graph, gone), new Set(edgeIds)),
              settings: withoutNodes(get().settings, gone),
            });
          },
          addWiredNode: (op, position, wire, side) => {
            const { graph } = get();
            const id = freshNodeId(op, new Set(graph.nodes.map((n) => n.id)));
            const added = edits.addNode(graph, { id, op, attrs: {}, position });
            const ends = { source: id, sourcePort: wire.port, target: wire.other.node, targetPort: wire.other.port };
            const edge =
              side === 'feeds'
                ? ends
                : { source: wire.other.node, sourcePort: wire.other.port, target: id, targetPort: wire.port };
            const edgeId = freshEdgeId(new Set(graph.edges.map((e) => e.id)));
            const result = edits.connect(added, { ...edge, id: edgeId }, registry, validationOf(added));
            update(result.ok ? result.graph : added);
            return { id, refused: result.ok ? null : result.reason };
          },
          insertOnEdge: (edgeId, nodeId) => {
            const { graph } = get();
            const taken = new Set(graph.edges.map((e) => e.id));
            const first = freshEdgeId(taken);
            const ids = [first, freshEdgeId(new Set([...taken, first]))] as const;
            const result = insertOnEdge(graph, edgeId, nodeId, registry, validationOf, ids);
            if (!result.ok) return result;
            // Dropped at the end of a drag: the move and the insertion are one undo step.
            if (dragStart) {
              set({ graph: dragStart });
              store.temporal.getState().resume();
              dragStart = null;
            }
            update(result.graph);
            return { ok: true };
          },
        };
      },
      {
        partialize: (state) => ({ graph: state.graph }),
        equality: (a, b) => a.graph === b.graph,
        limit: 200,
      },
    ),
  );
  return store;
}

/** Validation of a graph, computed once per graph object. */
const validations = new WeakMap<Graph, Validation>();
export function validationOf(graph: Graph): Validation {
  let v = validations.get(graph);
  if (!v) validations.set(graph, (v = validateGraph(graph, registry)));
  return v;
}
