/** Large generated graphs with no positions, as model imports bring them: for layout tests and benchmarks. */
import type { Graph, GraphEdge, GraphNode, TensorLiteral } from '../../src/graph/types';
import { seededRandom } from './random';

const tensor = (shape: number[], fill = 0.5): TensorLiteral => ({
  dtype: 'float32',
  shape,
  values: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Number((fill + i / 10).toFixed(2))),
});

/**
 * A ResNet-like model: an input x, then blocks of Conv2D (with its filter Const) → BiasAdd (with
 * its bias Const) → Relu, each block's result added to its input (the skip connection). The first
 * `count` nodes of it, with the edges among them: every prefix is a valid graph.
 */
export function resnetLike(count: number): Graph {
  const nodes: GraphNode[] = [{ id: 'x', op: 'Placeholder', attrs: { value: tensor([1, 4, 4, 2]) } }];
  const edges: GraphEdge[] = [];
  const wire = (source: string, sourcePort: string, target: string, targetPort: string) =>
    edges.push({ id: `e${edges.length}`, source, sourcePort, target, targetPort });
  let previous = { node: 'x', port: 'output' };
  for (let b = 0; nodes.length < count; b++) {
    const id = (part: string) => `b${b}_${part}`;
    nodes.push(
      { id: id('filter'), op: 'Const', attrs: { value: tensor([1, 1, 2, 2], 0.1) } },
      { id: id('conv'), op: 'Conv2D', attrs: {} },
      { id: id('bias'), op: 'Const', attrs: { value: tensor([2], 0.01) } },
      { id: id('biasadd'), op: 'BiasAdd', attrs: {} },
      { id: id('relu'), op: 'Relu', attrs: {} },
      { id: id('add'), op: 'AddV2', attrs: {} },
    );
    wire(previous.node, previous.port, id('conv'), 'input');
    wire(id('filter'), 'output', id('conv'), 'filter');
    wire(id('conv'), 'output', id('biasadd'), 'value');
    wire(id('bias'), 'output', id('biasadd'), 'bias');
    wire(id('biasadd'), 'output', id('relu'), 'features');
    wire(id('relu'), 'activations', id('add'), 'x');
    wire(previous.node, previous.port, id('add'), 'y');
    previous = { node: id('add'), port: 'z' };
  }
  const kept = new Set(nodes.slice(0, count).map((n) => n.id));
  return {
    nodes: nodes.slice(0, count),
    edges: edges.filter((e) => kept.has(e.source) && kept.has(e.target)),
  };
}

/**
 * A random layered DAG (seeded): `width` inputs, then `layers - 1` layers of `width` nodes, each a
 * Sin of one node or an AddV2 of two, read from the `reach` layers before it.
 */
export function layeredDag(seed: number, layers: number, width: number, reach = 2): Graph {
  const random = seededRandom(seed);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const outputOf = new Map<string, string>();
  const layer: string[][] = [];
  for (let l = 0; l < layers; l++) {
    layer.push([]);
    for (let k = 0; k < width; k++) {
      const id = `l${l}_${k}`;
      layer[l]!.push(id);
      if (l === 0) {
        nodes.push({ id, op: 'Placeholder', attrs: { value: tensor([2]) } });
        outputOf.set(id, 'output');
        continue;
      }
      const pool = layer.slice(Math.max(0, l - reach), l).flat();
      const pick = () => pool[Math.floor(random() * pool.length)]!;
      const binary = random() < 0.5;
      nodes.push({ id, op: binary ? 'AddV2' : 'Sin', attrs: {} });
      outputOf.set(id, binary ? 'z' : 'y');
      for (const port of binary ? ['x', 'y'] : ['x']) {
        const source = pick();
        edges.push({ id: `e${edges.length}`, source, sourcePort: outputOf.get(source)!, target: id, targetPort: port });
      }
    }
  }
  return { nodes, edges };
}
