import type { AttrValue, Graph, GraphEdge, GraphNode, TensorLiteral } from '../../src/graph/types';
import { registry } from '../../src/ops/registry';

/** Builds graphs in tests: `b.node('y', 'Sin', {}, { x: 'x' })`; an input names `node` or `node:port`. */
export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];

  node(id: string, op: string, attrs: Record<string, AttrValue> = {}, inputs: Record<string, string> = {}): this {
    this.nodes.push({ id, op, attrs });
    for (const [targetPort, source] of Object.entries(inputs)) {
      const [node, port] = source.includes('.') ? source.split('.') : [source, undefined];
      const sourcePort = port ?? registry.get(this.nodes.find((n) => n.id === node)?.op ?? '')?.outputs[0] ?? 'output';
      this.edges.push({ id: `e${this.edges.length}`, source: node!, sourcePort, target: id, targetPort });
    }
    return this;
  }

  input(
    id: string,
    values: number[],
    shape: number[] = [values.length],
    dtype: TensorLiteral['dtype'] = 'float32',
  ): this {
    return this.node(id, 'Placeholder', { value: tensor(values, shape, dtype) });
  }

  constant(
    id: string,
    values: number[],
    shape: number[] = [values.length],
    dtype: TensorLiteral['dtype'] = 'float32',
  ): this {
    return this.node(id, 'Const', { value: tensor(values, shape, dtype) });
  }

  build(): Graph {
    return { nodes: [...this.nodes], edges: [...this.edges] };
  }
}

export function tensor(
  values: number[],
  shape: number[] = [values.length],
  dtype: TensorLiteral['dtype'] = 'float32',
): TensorLiteral {
  return { dtype, shape, values };
}

/** A copy of `graph` with one node's attributes changed. */
export function withAttrs(graph: Graph, id: string, attrs: Record<string, AttrValue>): Graph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, attrs: { ...n.attrs, ...attrs } } : n)) };
}
