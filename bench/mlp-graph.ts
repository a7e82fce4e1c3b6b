import type { Graph, TensorLiteral } from '../src/graph/types';
import { random } from './compiled';

export const [BATCH, INPUTS, HIDDEN, CLASSES] = [64, 128, 256, 10];

/**
 * The bench MLP, 64×128 → 256 relu → 10, as a graph: ending in a softmax, or with `loss`, in a
 * softmax cross-entropy against fixed one-hot labels (node `loss`, port `y`).
 */
export function benchMlp({ loss }: { loss: boolean }): Graph {
  const value = (shape: number[], seed: number): TensorLiteral => ({
    dtype: 'float32',
    shape,
    values: random(
      shape.reduce((a, b) => a * b),
      seed,
    ),
  });
  const node = (id: string, op: string, attrs = {}) => ({ id, op, attrs });
  const edge = (source: string, sourcePort: string, target: string, targetPort: string) => ({
    id: `${source}-${target}-${targetPort}`,
    source,
    sourcePort,
    target,
    targetPort,
  });
  const nodes = [
    node('x', 'Placeholder', { value: value([BATCH, INPUTS], 1) }),
    node('w1', 'VariableV2', { value: value([INPUTS, HIDDEN], 2) }),
    node('b1', 'VariableV2', { value: value([HIDDEN], 3) }),
    node('w2', 'VariableV2', { value: value([HIDDEN, CLASSES], 4) }),
    node('b2', 'VariableV2', { value: value([CLASSES], 5) }),
    node('mm1', 'MatMul'),
    node('ba1', 'BiasAdd'),
    node('relu', 'Relu'),
    node('mm2', 'MatMul'),
    node('ba2', 'BiasAdd'),
  ];
  const edges = [
    edge('x', 'output', 'mm1', 'a'),
    edge('w1', 'ref', 'mm1', 'b'),
    edge('mm1', 'product', 'ba1', 'value'),
    edge('b1', 'ref', 'ba1', 'bias'),
    edge('ba1', 'output', 'relu', 'features'),
    edge('relu', 'activations', 'mm2', 'a'),
    edge('w2', 'ref', 'mm2', 'b'),
    edge('mm2', 'product', 'ba2', 'value'),
    edge('b2', 'ref', 'ba2', 'bias'),
  ];
  if (!loss)
    return { nodes: [...nodes, node('p', 'Softmax')], edges: [...edges, edge('ba2', 'output', 'p', 'logits')] };
  const labels = Array.from({ length: BATCH * CLASSES }, (_, i) =>
    i % CLASSES === Math.floor(i / CLASSES) % CLASSES ? 1 : 0,
  );
  return {
    nodes: [
      ...nodes,
      node('labels', 'Const', { value: { dtype: 'float32', shape: [BATCH, CLASSES], values: labels } }),
      node('logp', 'LogSoftmax'),
      node('picked', 'Mul'),
      node('sum', 'Sum', { axis: [1] }),
      node('mean', 'Mean', { axis: null }),
      node('loss', 'Neg'),
    ],
    edges: [
      ...edges,
      edge('ba2', 'output', 'logp', 'logits'),
      edge('labels', 'output', 'picked', 'x'),
      edge('logp', 'logsoftmax', 'picked', 'y'),
      edge('picked', 'z', 'sum', 'input'),
      edge('sum', 'output', 'mean', 'input'),
      edge('mean', 'output', 'loss', 'x'),
    ],
  };
}
