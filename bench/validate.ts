import type { Graph, GraphEdge, GraphNode } from '../src/graph/types';
import { validateGraph } from '../src/graph/validate';
import { registry } from '../src/ops/registry';
import { ms } from './compiled';
import { medians, type Row } from './measure';

const EDGES = 100_000;
const input: GraphNode = {
  id: 'x',
  op: 'Placeholder',
  attrs: { value: { dtype: 'float32', shape: [2], values: [1, 2] } },
};

/** One AddN reading x 100,000 times: all the edges go into one node. */
function fanIn(): Graph {
  const edges: GraphEdge[] = [];
  for (let i = 0; i < EDGES; i++)
    edges.push({ id: `e${i}`, source: 'x', sourcePort: 'output', target: 'sum', targetPort: `inputs:${i}` });
  return { nodes: [input, { id: 'sum', op: 'AddN', attrs: {} }], edges };
}

/** 100,000 Identity nodes in a chain: as many edges, one into each node. */
function chain(): Graph {
  const nodes: GraphNode[] = [input];
  const edges: GraphEdge[] = [];
  for (let i = 0; i < EDGES; i++) {
    nodes.push({ id: `n${i}`, op: 'Identity', attrs: {} });
    edges.push({
      id: `e${i}`,
      source: i ? `n${i - 1}` : 'x',
      sourcePort: 'output',
      target: `n${i}`,
      targetPort: 'input',
    });
  }
  return { nodes, edges };
}

/**
 * Validation is linear in edges however they are spread: 100,000 edges into one AddN against
 * 100,000 edges each into its own node. Validating the fan-in checks each edge's port against those
 * already wired, which once walked them all (AddN of 100,000 inputs took 14–22 s); the chain has a
 * node per edge to resolve, so the fan-in should cost no more.
 */
export async function validateFanIn(): Promise<Row> {
  const graphs = { fanIn: fanIn(), chain: chain() };
  for (const graph of Object.values(graphs))
    if (!validateGraph(graph, registry).ok) throw new Error('the benchmark graphs must be valid');
  const t = await medians(
    { fanIn: () => validateGraph(graphs.fanIn, registry), chain: () => validateGraph(graphs.chain, registry) },
    { rounds: 9, warmup: 2 },
  );
  const ratio = t['fanIn']! / t['chain']!;
  return {
    name: 'validate AddN of 100,000 inputs / a chain of 100,000 Identity nodes',
    figure: ratio,
    target: '≤ 2',
    met: ratio <= 2,
    detail: `${ms(t['fanIn']!)} vs ${ms(t['chain']!)}`,
  };
}
