import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import type { GradientReport } from '../../src/runtime/reports';
import type { Session } from '../../src/runtime/session';
import { sessions } from '../support/session';
import { GraphBuilder, tensor, withAttrs } from '../support/graph-builder';
import { expectValuesClose } from '../support/tf';

const newSession = sessions();

function gradientOf(report: GradientReport, node: string, port: string): number[] {
  const g = report.nodes[node]![port]!;
  if (!('summary' in g)) throw new Error(`no gradient at ${node}.${port}: ${g.none}`);
  return [...g.summary.values];
}

/** The target's value with one element of one fed node's value moved by `delta`. */
async function targetWith(s: Session, graph: Graph, node: string, index: number, delta: number, target: string) {
  const value = graph.nodes.find((n) => n.id === node)!.attrs['value'] as unknown as {
    shape: number[];
    values: number[];
  };
  const values = [...value.values];
  values[index]! += delta;
  const report = await s.run(withAttrs(graph, node, { value: { ...value, values } as never }), { outputs: [target] });
  return report.outputs[0]!.summary.values[0]!;
}

/** Central finite differences of the target with respect to every element of a fed node. */
async function finiteDifferences(s: Session, graph: Graph, node: string, target: string, eps = 1e-2) {
  const value = graph.nodes.find((n) => n.id === node)!.attrs['value'] as unknown as { values: number[] };
  const out: number[] = [];
  for (let i = 0; i < value.values.length; i++)
    out.push(
      ((await targetWith(s, graph, node, i, eps, target)) - (await targetWith(s, graph, node, i, -eps, target))) /
        (2 * eps),
    );
  return out;
}

describe('gradients', () => {
  it('d/dx Σ 2·sin(x) = 2·cos(x), and every node on the way gets its own gradient', async () => {
    const g = new GraphBuilder()
      .input('x', [1, 2, 3])
      .node('sin', 'Sin', {}, { x: 'x' })
      .constant('two', [2], [])
      .node('mul', 'Mul', {}, { x: 'sin', y: 'two' })
      .node('loss', 'Sum', {}, { input: 'mul' })
      .build();
    const s = newSession();
    const report = await s.computeGradients(g, 'loss');
    expect(report.ok).toBe(true);
    expectValuesClose(
      gradientOf(report, 'x', 'output'),
      [1, 2, 3].map((v) => 2 * Math.cos(v)),
      1e-6,
    );
    expectValuesClose(gradientOf(report, 'sin', 'y'), [2, 2, 2], 1e-6);
    expectValuesClose(gradientOf(report, 'mul', 'z'), [1, 1, 1], 1e-6);
    expectValuesClose(gradientOf(report, 'loss', 'output'), [1], 1e-6);
    expectValuesClose(gradientOf(report, 'two', 'output'), [Math.sin(1) + Math.sin(2) + Math.sin(3)], 1e-6);
    expectValuesClose(gradientOf(report, 'x', 'output'), await finiteDifferences(s, g, 'x', 'loss', 1e-2), 1e-3);
  });

  it('d/dx Σ log(x) = 1/x', async () => {
    const g = new GraphBuilder()
      .input('x', [1, Math.E, 10])
      .node('log', 'Log', {}, { x: 'x' })
      .node('loss', 'Sum', {}, { input: 'log' })
      .build();
    const report = await newSession().computeGradients(g, 'loss');
    expectValuesClose(gradientOf(report, 'x', 'output'), [1, 1 / Math.E, 0.1], 1e-6);
  });

  it('flows through MatMul, BiasAdd, Relu and Softmax into the variables, as plain tfjs and finite differences say', async () => {
    const x = [0.2, -0.4, 0.9, 1.1, 0.3, -0.7];
    const w = [0.5, -0.3, 0.8, 0.1, -0.6, 0.4];
    const b = [0.05, -0.1];
    const labels = [1, 0, 0, 1];
    const g = new GraphBuilder()
      .input('x', x, [2, 3])
      .node('w', 'VariableV2', { value: tensor(w, [3, 2]) })
      .node('b', 'VariableV2', { value: tensor(b, [2]) })
      .node('mm', 'MatMul', {}, { a: 'x', b: 'w' })
      .node('logits', 'BiasAdd', {}, { value: 'mm', bias: 'b' })
      .node('relu', 'Relu', {}, { features: 'logits' })
      .node('p', 'Softmax', {}, { logits: 'relu' })
      .node('logp', 'Log', {}, { x: 'p' })
      .constant('labels', labels, [2, 2])
      .node('picked', 'Mul', {}, { x: 'logp', y: 'labels' })
      .node('total', 'Sum', {}, { input: 'picked' })
      .node('loss', 'Neg', {}, { x: 'total' })
      .build();
    const s = newSession();
    const report = await s.computeGradients(g, 'loss');
    expect(report.variables).toEqual(['w', 'b']);

    const [dw, db, dlogits] = tf.tidy(() => {
      const xt = tf.tensor2d(x, [2, 3]);
      const lt = tf.tensor2d(labels, [2, 2]);
      const f = (wt: tf.Tensor, bt: tf.Tensor) =>
        tf.neg(
          tf.sum(tf.mul(tf.log(tf.softmax(tf.relu(tf.add(tf.matMul(xt, wt as tf.Tensor2D), bt)))), lt)),
        ) as tf.Scalar;
      const [gw, gb] = tf.grads(f)([tf.tensor2d(w, [3, 2]), tf.tensor1d(b)]);
      const logits = tf.add(tf.matMul(xt, tf.tensor2d(w, [3, 2])), tf.tensor1d(b));
      const gl = tf.grad((l: tf.Tensor) => tf.neg(tf.sum(tf.mul(tf.log(tf.softmax(tf.relu(l))), lt))) as tf.Scalar)(
        logits,
      );
      return [gw!.dataSync(), gb!.dataSync(), gl.dataSync()];
    });
    expectValuesClose(gradientOf(report, 'w', 'ref'), dw!, 1e-5);
    expectValuesClose(gradientOf(report, 'b', 'ref'), db!, 1e-5);
    expectValuesClose(gradientOf(report, 'logits', 'output'), dlogits!, 1e-5);
    expectValuesClose(gradientOf(report, 'w', 'ref'), await finiteDifferences(s, g, 'w', 'loss', 1e-2), 2e-3);
    expectValuesClose(gradientOf(report, 'x', 'output'), await finiteDifferences(s, g, 'x', 'loss', 1e-2), 2e-3);
  });

  it('says where no gradient flows instead of showing zeros', async () => {
    const g = new GraphBuilder()
      .input('x', [0.1, 0.9, 0.3])
      .node('am', 'ArgMax', { axis: 0 }) // wired to x below
      .node('idx', 'Cast', { DstT: 'float32' }, { x: 'am' })
      .node('sq', 'Square', {}, { x: 'x' })
      .node('scaled', 'Mul', {}, { x: 'sq', y: 'idx' })
      .node('loss', 'Sum', {}, { input: 'scaled' })
      .node('aside', 'Cos', {}, { x: 'x' })
      .build();
    const wired = {
      ...g,
      edges: [...g.edges, { id: 'ax', source: 'x', sourcePort: 'output', target: 'am', targetPort: 'input' }],
    };
    const report = await newSession().computeGradients(wired, 'loss');
    expect(report.ok).toBe(true);
    // loss = Σ x² · argmax(x) = Σ x² · 1, so d/dx = 2x through Square only.
    expectValuesClose(gradientOf(report, 'x', 'output'), [0.2, 1.8, 0.6], 1e-6);
    expectValuesClose(gradientOf(report, 'idx', 'y'), [0.01 + 0.81 + 0.09], 1e-6);
    expect(report.nodes['am']!['output']).toEqual({ none: 'int32 values carry no gradient' });
    expect(report.nodes['aside']!['y']).toEqual({ none: 'the target does not depend on this value' });
  });

  it('names a non-differentiable op that blocks the only path', async () => {
    const g = new GraphBuilder()
      .input('x', [0.1, 0.9, 0.3])
      .node('oh', 'OneHot', { depth: 3 }, { indices: 'i.y' })
      .node('loss', 'Sum', {}, { input: 'oh' })
      .build();
    const wired = {
      nodes: [
        ...g.nodes,
        { id: 'i', op: 'Cast', attrs: { DstT: 'int32' } },
        { id: 'f', op: 'Cast', attrs: { DstT: 'float32' } },
      ],
      edges: [
        ...g.edges,
        { id: 'a', source: 'x', sourcePort: 'output', target: 'f', targetPort: 'x' },
        { id: 'b', source: 'f', sourcePort: 'y', target: 'i', targetPort: 'x' },
      ],
    };
    const report = await newSession().computeGradients(wired, 'loss');
    expect(report.diagnostics).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.nodes['f']!['y']).toEqual({ none: 'no gradient flows back through OneHot (oh)' });
    expect(report.nodes['x']!['output']).toEqual({ none: 'no gradient flows back through OneHot (oh)' });
    expectValuesClose(gradientOf(report, 'oh', 'output'), Array(9).fill(1), 1e-6);
  });

  it('refuses a target that is not a scalar, naming its shape', async () => {
    const g = new GraphBuilder().input('x', [1, 2]).node('sin', 'Sin', {}, { x: 'x' }).build();
    const report = await newSession().computeGradients(g, 'sin');
    expect(report.ok).toBe(false);
    expect(report.diagnostics[0]).toMatchObject({ kind: 'invalid-target', nodeId: 'sin' });
    expect(report.error).toContain('float32[2]');
  });
});
