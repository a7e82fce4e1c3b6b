/**
 * The canvas benchmark page (driven by bench/canvas/measure.ts): a full-window React Flow with
 * `?nodes=N&kind=tensorloom|default` nodes on a grid, chained row by row. Tensorloom nodes are the
 * app's real `OpNode` with the data of a MatMul that ran (so each draws its heatmap preview), and
 * their edges the app's `TensorEdge` with its type label; default nodes and edges are React Flow's own.
 * No tfjs, no runtime host: only the canvas.
 *
 * Exposes on `window`: `benchReady` once React Flow has measured the nodes and settled,
 * `benchInfo` (what is on screen), `benchFrames` (a requestAnimationFrame recorder) and
 * `benchResetViewport()`.
 */
import '@xyflow/react/dist/style.css';
import '../../src/ui/styles.css';
import { Position, ReactFlow, useReactFlow, type Edge, type Node } from '@xyflow/react';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import type { TensorSummary } from '../../src/runtime/summary';
import type { OpNodeData } from '../../src/ui/canvas/node-view-model';
import { edgeTensor } from '../../src/ui/canvas/edge-tensor';
import { OpNode, type OpFlowNode } from '../../src/ui/canvas/OpNode';
import { TensorEdge, type TensorFlowEdge } from '../../src/ui/canvas/TensorEdge';
import { COLUMNS, position, VIEWPORT } from './layout';

export interface BenchInfo {
  nodes: number;
  kind: 'tensorloom' | 'default';
  /** `.react-flow__node` / `.react-flow__edge` elements in the DOM once ready. */
  renderedNodes: number;
  renderedEdges: number;
  /** From the module's start to ready. */
  readyMs: number;
  /** Value previews (pictures) and edge type labels drawn on screen once ready. */
  previews: number;
  edgeLabels: number;
  /** The size of the first node as rendered. */
  nodeWidth: number;
  nodeHeight: number;
}

declare global {
  interface Window {
    benchReady?: boolean;
    benchInfo?: BenchInfo;
    benchFrames?: { start(): void; stop(): number[] };
    benchResetViewport?: () => void;
  }
}

const started = performance.now();
const params = new URLSearchParams(location.search);
const count = Number(params.get('nodes') ?? 200);
const kind = params.get('kind') === 'default' ? 'default' : 'tensorloom';

// Module level, as in the app: a new object on each render would make React Flow re-create every node.
const NODE_TYPES = { op: OpNode };
const EDGE_TYPES = { tensor: TensorEdge };

const values = Array.from({ length: 20 }, (_, i) => Math.round(Math.sin(i * 12.9898) * 5000) / 10000);
const summary: TensorSummary = {
  dtype: 'float32',
  shape: [4, 5],
  size: 20,
  min: Math.min(...values),
  max: Math.max(...values),
  mean: values.reduce((a, b) => a + b) / values.length,
  std: 0.3,
  nanCount: 0,
  infCount: 0,
  values,
  truncated: false,
};

const sameRow = (i: number) => i % COLUMNS !== 0;

function tensorloomGraph(): { nodes: OpFlowNode[]; edges: Edge[] } {
  const nodes = Array.from({ length: count }, (_, i): OpFlowNode => {
    const data: OpNodeData = {
      op: 'MatMul',
      label: `matmul_${i}`,
      inputs: [
        { id: 'a', label: 'a' },
        { id: 'b', label: 'b' },
      ],
      outputs: [{ id: 'product', label: 'product', type: 'float32[4, 5]', summary }],
      attrs: '',
      status: 'ok',
      message: null,
      warning: null,
      ms: 0.12,
      current: false,
      heat: null,
      plan: null,
    };
    return { id: `n${i}`, type: 'op', position: position(i), data };
  });
  // Labelled and sized as the editor draws them, from the same type the nodes show.
  const tensor = edgeTensor({ dtype: summary.dtype, shape: summary.shape }, undefined);
  const edges = nodes.flatMap((_, i): TensorFlowEdge[] =>
    sameRow(i)
      ? [
          {
            id: `e${i}`,
            type: 'tensor',
            source: `n${i - 1}`,
            sourceHandle: 'product',
            target: `n${i}`,
            targetHandle: 'a',
            data: { controls: null, tensor },
          },
        ]
      : [],
  );
  return { nodes, edges };
}

function defaultGraph(): { nodes: Node[]; edges: Edge[] } {
  // Handles left and right, so that the edges have the same shape as between Tensorloom nodes.
  const nodes = Array.from({ length: count }, (_, i): Node => ({
    id: `n${i}`,
    position: position(i),
    data: { label: `MatMul matmul_${i}` },
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
  }));
  const edges = nodes.flatMap((_, i): Edge[] =>
    sameRow(i) ? [{ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` }] : [],
  );
  return { nodes, edges };
}

const graph: { nodes: Node[]; edges: Edge[] } = kind === 'tensorloom' ? tensorloomGraph() : defaultGraph();

function ViewportControl() {
  const flow = useReactFlow();
  useEffect(() => {
    window.benchResetViewport = () => void flow.setViewport(VIEWPORT);
  }, [flow]);
  return null;
}

function Bench() {
  return (
    // The app's canvas container, so that styles scoped to it apply here too.
    <div className="canvas" style={{ width: '100vw', height: '100vh' }}>
      <ReactFlow
        nodes={graph.nodes}
        edges={graph.edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onlyRenderVisibleElements
        defaultViewport={VIEWPORT}
        minZoom={0.1}
        zoomOnDoubleClick={false}
      >
        <ViewportControl />
      </ReactFlow>
    </div>
  );
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Ready once the number of rendered nodes (all of them until measured, then the visible ones) holds for 10 frames. */
async function settle(): Promise<void> {
  let last = -1;
  let stable = 0;
  while (stable < 10) {
    await frame();
    const rendered = document.querySelectorAll('.react-flow__node').length;
    stable = rendered > 0 && rendered === last ? stable + 1 : 0;
    last = rendered;
  }
  await frame();
  await frame();
  const first = document.querySelector<HTMLElement>('.react-flow__node');
  window.benchInfo = {
    nodes: count,
    kind,
    renderedNodes: document.querySelectorAll('.react-flow__node').length,
    renderedEdges: document.querySelectorAll('.react-flow__edge').length,
    previews: document.querySelectorAll('.op-node-preview img').length,
    edgeLabels: document.querySelectorAll('.tensor-edge-label').length,
    readyMs: performance.now() - started,
    nodeWidth: first?.offsetWidth ?? 0,
    nodeHeight: first?.offsetHeight ?? 0,
  };
  window.benchReady = true;
}

let frames: number[] = [];
let recording = false;
window.benchFrames = {
  start() {
    frames = [];
    recording = true;
    let last: number | null = null;
    const tick = (now: number) => {
      if (!recording) return;
      if (last !== null) frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },
  stop() {
    recording = false;
    return frames;
  },
};

createRoot(document.getElementById('root')!).render(<Bench />);
void settle();
