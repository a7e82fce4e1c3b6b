import type { ElkExtendedEdge, ElkNode, ElkPort, LayoutOptions } from 'elkjs/lib/elk-api';
import type { Graph, Position } from '../graph/types';
import type { NodeBox, PortAt } from './node-box';

/** ELK's layered algorithm, left to right, its edges curves that keep clear of the nodes. */
export const LAYOUT_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'SPLINES',
  'elk.layered.edgeRouting.splines.mode': 'CONSERVATIVE',
  'elk.spacing.nodeNode': '28',
  // Room between layers for an edge's type in full ("float32[4,5]" takes 84 px with its margins).
  'elk.layered.spacing.nodeNodeBetweenLayers': '96',
  // Brandes-Köpf straightens long edges by spreading layers apart (a random 1,200-node DAG came
  // out 29,000 px tall, a 1,000-node ResNet 16,000); network simplex is compact but took 45 s on
  // that DAG; linear segments is compact but takes 8 s on a 1,000-node converter model (a long
  // chain of fused convolutions). Simple placement is the most compact (4,800 and 370 px) and
  // the fastest: 0.7 s on that chain.
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.spacing.componentComponent': '64',
  // Of orderings that cross as few edges, keep the file's: a re-layout then moves little.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

/**
 * The canvas draws its handles this far outside a node's left and right edges, and edges end
 * there: ELK gets each node this much wider on both sides, its ports on those edges.
 */
const HANDLE_OUTSET = 5;
const WEST = { 'elk.port.side': 'WEST' };
const EAST = { 'elk.port.side': 'EAST' };
// Ports where the canvas draws them; a layer's nodes line up on their left edges (ELK centres them).
const NODE_OPTIONS = { 'elk.portConstraints': 'FIXED_POS', 'elk.alignment': 'LEFT' };

/**
 * The graph as ELK's JSON, each node with its box and its ports where the canvas draws them.
 * Elements are named by index (`n3`, `n3i0`, `n3o1`, `e7`): ids from a file may be any text.
 * An edge to a port the box lacks is tied to the node; edges from or to unknown nodes, and
 * from a node to itself, do not shape a layout and are left out.
 */
export function toElkGraph(graph: Graph, boxes: ReadonlyMap<string, NodeBox>): ElkNode {
  const index = nodeIndex(graph);
  const inputs: Map<string, string>[] = [];
  const outputs: Map<string, string>[] = [];
  const children: ElkNode[] = [];
  for (const [id, i] of index) {
    const box = boxes.get(id) ?? { width: 0, height: 0, inputs: [], outputs: [] };
    const ports = (list: readonly PortAt[], side: string, x: number, sideOptions: LayoutOptions) =>
      list.map((p, k): ElkPort => ({
        id: `n${i}${side}${k}`,
        x,
        y: p.y,
        width: 0,
        height: 0,
        layoutOptions: sideOptions,
      }));
    const width = box.width + 2 * HANDLE_OUTSET;
    const west = ports(box.inputs, 'i', 0, WEST);
    const east = ports(box.outputs, 'o', width, EAST);
    inputs[i] = new Map(box.inputs.map((p, k) => [p.id, west[k]!.id]));
    outputs[i] = new Map(box.outputs.map((p, k) => [p.id, east[k]!.id]));
    children.push({
      id: `n${i}`,
      width,
      height: box.height,
      layoutOptions: NODE_OPTIONS,
      ports: [...west, ...east],
    });
  }
  const edges: ElkExtendedEdge[] = [];
  graph.edges.forEach((e, j) => {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) return;
    const source = outputs[s]!.get(e.sourcePort) ?? `n${s}`;
    const target = inputs[t]!.get(e.targetPort) ?? `n${t}`;
    edges.push({ id: `e${j}`, sources: [source], targets: [target] });
  });
  return { id: 'root', layoutOptions: LAYOUT_OPTIONS, children, edges };
}

/**
 * An edge's path as a layout routed it around the nodes: a chain of cubic Bézier segments from the
 * output handle to the input handle, given by the points between (two control points, then a
 * joint, …, then the last two control points). It holds while its two nodes stay where the
 * layout put them (`source`, `target`).
 */
export interface EdgeRoute {
  readonly controls: readonly Position[];
  readonly source: Position;
  readonly target: Position;
}

/** Each node's top-left corner as ELK placed it, in whole pixels, by node id. */
export function positionsFrom(laidOut: ElkNode, graph: Graph): Map<string, Position> {
  const positions = new Map<string, Position>();
  for (const child of laidOut.children ?? []) {
    const node = graph.nodes[Number(child.id.slice(1))]!;
    positions.set(node.id, { x: Math.round((child.x ?? 0) + HANDLE_OUTSET), y: Math.round(child.y ?? 0) });
  }
  return positions;
}

/** Each edge's route as ELK drew it, by edge id. */
export function routesFrom(
  laidOut: ElkNode,
  graph: Graph,
  positions: ReadonlyMap<string, Position>,
): Map<string, EdgeRoute> {
  const routes = new Map<string, EdgeRoute>();
  for (const edge of laidOut.edges ?? []) {
    const { id, source, target } = graph.edges[Number(edge.id.slice(1))]!;
    const section = edge.sections?.[0];
    if (!section || routes.has(id)) continue;
    const controls = section.bendPoints ?? [];
    routes.set(id, { controls, source: positions.get(source)!, target: positions.get(target)! });
  }
  return routes;
}

/** Node id → its index in `graph.nodes`; a repeated id (an invalid graph) counts once, at its first node. */
function nodeIndex(graph: Graph): Map<string, number> {
  const index = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    if (!index.has(n.id)) index.set(n.id, i);
  });
  return index;
}
