/**
 * The silent wrong answers the differential suite found, one test each, with the value TensorFlow
 * 2.21 gives written in (its raw op on CPU, and tf.GradientTape of the summed output for gradients).
 */
import { describe, expect, it } from 'vitest';
import type { AttrValue, Graph } from '../../src/graph/types';
import { sessions } from '../support/session';
import { GraphBuilder } from '../support/graph-builder';
import { expectValuesClose } from '../support/tf';

const newSession = sessions();

/** The op applied to the given inputs, every input a placeholder. */
function opGraph(
  op: string,
  inputs: Record<string, [number[], number[], ('float32' | 'int32' | 'bool')?]>,
  attrs: Record<string, AttrValue> = {},
): Graph {
  const b = new GraphBuilder();
  for (const [port, [values, shape, dtype]] of Object.entries(inputs)) b.input(`in_${port}`, values, shape, dtype);
  return b.node('op', op, attrs, Object.fromEntries(Object.keys(inputs).map((p) => [p, `in_${p}`]))).build();
}

/** The op's output in both modes: its shape and values, or the error on the op node. */
async function outputs(graph: Graph, port: string) {
  const s = newSession();
  const results = [];
  for (const mode of ['eager', 'graph'] as const) {
    const report = await s.run(graph, { mode });
    const error = report.diagnostics.find((d) => d.nodeId === 'op')?.message ?? report.error?.message;
    if (error) {
      results.push({ error });
      continue;
    }
    const summary = report.nodes.find((n) => n.nodeId === 'op')!.outputs[port]!;
    const page = await s.page('op', port, { limit: 1e6 });
    results.push({ shape: summary.shape, values: Array.from(page!.values) });
  }
  expect(results[1], 'graph mode agrees with eager mode').toEqual(results[0]);
  return results[0]!;
}

/** d Σ op / d input, for each named input. */
async function gradients(graph: Graph, port: string, inputs: string[]): Promise<number[][]> {
  const withSum: Graph = {
    nodes: [...graph.nodes, { id: 'loss', op: 'Sum', attrs: {} }],
    edges: [...graph.edges, { id: 'e_loss', source: 'op', sourcePort: port, target: 'loss', targetPort: 'input' }],
  };
  const report = await newSession().computeGradients(withSum, 'loss');
  expect(report.error).toBeNull();
  return inputs.map((p) => {
    const g = report.nodes[`in_${p}`]!['output']!;
    if (!('summary' in g)) throw new Error(`no gradient for ${p}: ${g.none}`);
    return [...g.summary.values];
  });
}

describe('silent wrong answers, now TensorFlow’s', () => {
  it('BatchMatMulV2 broadcasts batch [2, 1] against [3] (TF: 1, 10, 100, 2, 20, 200), and its gradient', async () => {
    const g = opGraph('BatchMatMulV2', {
      x: [
        [1, 2],
        [2, 1, 1, 1],
      ],
      y: [
        [1, 10, 100],
        [3, 1, 1],
      ],
    });
    expect(await outputs(g, 'output')).toEqual({ shape: [2, 3, 1, 1], values: [1, 10, 100, 2, 20, 200] });
    expect(await gradients(g, 'output', ['x', 'y'])).toEqual([
      [111, 111],
      [3, 3, 3],
    ]);
    const empty = opGraph('BatchMatMulV2', { x: [[], [0, 2, 3]], y: [[...Array(12).keys()], [3, 4]] });
    expect(await outputs(empty, 'output')).toEqual({ shape: [0, 2, 4], values: [] });
  });

  it('AvgPool’s SAME gradient divides by the positions each window covers (TF: 0.6944 at a corner)', async () => {
    const g = opGraph(
      'AvgPool',
      {
        value: [
          [1, 2, 3, 4, 5, 6, 7, 8, 9],
          [1, 3, 3, 1],
        ],
      },
      { ksize: [1, 3, 3, 1], strides: [1, 1, 1, 1], padding: 'SAME' },
    );
    // A corner is in windows of 4, 6, 6 and 9 positions: 1/4 + 1/6 + 1/6 + 1/9.
    const corner = 0.694444477558136;
    const edge = 1.1111111640930176;
    const [dx] = await gradients(g, 'output', ['value']);
    expectValuesClose(dx!, [corner, edge, corner, edge, 1.7777777910232544, edge, corner, edge, corner], 1e-6);
  });

  it('Maximum and SquaredDifference sum a broadcast input’s gradient back to its shape', async () => {
    const inputs = {
      x: [
        [0, 1, 2, 3],
        [4, 1],
      ],
      y: [[1, 2, 0.5], [3]],
    } as const;
    const max = opGraph('Maximum', { x: [...inputs.x] as never, y: [...inputs.y] as never });
    expect(await gradients(max, 'z', ['x', 'y'])).toEqual([
      [0, 2, 3, 3],
      [1, 2, 1],
    ]);
    const sq = opGraph('SquaredDifference', { x: [...inputs.x] as never, y: [...inputs.y] as never });
    expect(await gradients(sq, 'z', ['x', 'y'])).toEqual([
      [-7, -1, 5, 11],
      [-4, 4, -8],
    ]);
  });

  it('Prod over a negative axis has a gradient (TF: the product of the others)', async () => {
    const g = opGraph('Prod', { input: [[...Array(12).keys()].map((i) => i + 1), [2, 2, 3]] }, { axis: [-1] });
    expect(await gradients(g, 'output', ['input'])).toEqual([[6, 3, 2, 30, 24, 20, 72, 63, 56, 132, 120, 110]]);
  });

  it('Select with a vector condition picks whole rows, as TF1’s Select does', async () => {
    const t = [...Array(9).keys()];
    const g = opGraph('Select', {
      condition: [[1, 0, 1], [3], 'bool'],
      t: [t, [3, 3]],
      e: [t.map((v) => -v), [3, 3]],
    });
    expect(await outputs(g, 'output')).toEqual({ shape: [3, 3], values: [0, 1, 2, -3, -4, -5, 6, 7, 8] });
    const column = opGraph('Select', { condition: [[1, 0, 1], [3, 1], 'bool'], t: [t, [3, 3]], e: [t, [3, 3]] });
    expect(await outputs(column, 'output')).toMatchObject({ error: expect.stringContaining('rows') });
  });

  it('gradients at kinks and ties: Abs at 0 is 0, Relu6 at 6 is 0, tied maxima share (TF: 1/3 each)', async () => {
    expect(await gradients(opGraph('Abs', { x: [[0, -2, 3], [3]] }), 'y', ['x'])).toEqual([[0, -1, 1]]);
    expect(await gradients(opGraph('Relu6', { features: [[6, 0, 3], [3]] }), 'activations', ['features'])).toEqual([
      [0, 0, 1],
    ]);
    const [tied] = await gradients(opGraph('Max', { input: [[2, 2, 2, 1], [4]] }), 'output', ['input']);
    expectValuesClose(tied!, [1 / 3, 1 / 3, 1 / 3, 0], 1e-7);
  });

  it('special values: Sign(NaN) is NaN and Sign(-0) is 0, Pow(1, NaN) is 1, FloorMod(-1, ∞) is ∞', async () => {
    expect(await outputs(opGraph('Sign', { x: [[NaN, -0, -3], [3]] }), 'y')).toEqual({
      shape: [3],
      values: [NaN, 0, -1],
    });
    expect(await outputs(opGraph('Pow', { x: [[1, -1], [2]], y: [[NaN, Infinity], [2]] }), 'z')).toEqual({
      shape: [2],
      values: [1, 1],
    });
    expect(await outputs(opGraph('FloorMod', { x: [[-1, 1], [2]], y: [[Infinity, Infinity], [2]] }), 'z')).toEqual({
      shape: [2],
      values: [Infinity, 1],
    });
  });

  it('reductions over nothing: Mean is NaN, int32 Max is -2³¹, All is true; ArgMax refuses', async () => {
    const empty = (dtype: 'float32' | 'int32' | 'bool') => ({
      input: [[], [0, 2], dtype] as [number[], number[], typeof dtype],
    });
    expect(await outputs(opGraph('Mean', empty('float32'), { axis: [0] }), 'output')).toEqual({
      shape: [2],
      values: [NaN, NaN],
    });
    expect(await outputs(opGraph('Max', empty('int32'), { axis: [0] }), 'output')).toEqual({
      shape: [2],
      values: [-(2 ** 31), -(2 ** 31)],
    });
    expect(await outputs(opGraph('All', empty('bool'), { axis: [0] }), 'output')).toEqual({
      shape: [2],
      values: [1, 1],
    });
    expect(await outputs(opGraph('ArgMax', empty('float32'), { axis: 0 }), 'output')).toMatchObject({
      error: expect.stringContaining('empty'),
    });
  });

  it('int32: division by zero and negative powers are errors; |-987654321| and casts of NaN are TF’s', async () => {
    const ints = (x: number[], y: number[]) => ({ x: [x, [x.length], 'int32'], y: [y, [y.length], 'int32'] }) as never;
    expect(await outputs(opGraph('FloorDiv', ints([1, 2], [0, 1])), 'z')).toEqual({
      error: 'Integer division by zero',
    });
    expect(await outputs(opGraph('FloorMod', ints([1, 2], [0, 1])), 'z')).toEqual({
      error: 'Integer division by zero',
    });
    expect(await outputs(opGraph('Pow', ints([2, 2], [-1, 1])), 'z')).toEqual({
      error: 'Integers to negative integer powers are not allowed',
    });
    expect(await outputs(opGraph('Abs', { x: [[-987654321], [1], 'int32'] }), 'y')).toEqual({
      shape: [1],
      values: [987654321],
    });
    const cast = opGraph('Cast', { x: [[NaN, Infinity, 1e10, -3e9, 2.9], [5]] }, { DstT: 'int32' });
    expect(await outputs(cast, 'y')).toEqual({
      shape: [5],
      values: [-(2 ** 31), -(2 ** 31), -(2 ** 31), -(2 ** 31), 2],
    });
  });

  it('takes what TF takes: NCHW BiasAdd, a negative perm, OneHot of depth 1 on axis 0, strided dilated Conv2D', async () => {
    const bias = opGraph(
      'BiasAdd',
      { value: [Array(8).fill(0), [1, 2, 2, 2]], bias: [[1, 2], [2]] },
      { data_format: 'NCHW' },
    );
    expect(await outputs(bias, 'output')).toEqual({ shape: [1, 2, 2, 2], values: [1, 1, 1, 1, 2, 2, 2, 2] });
    const transpose = opGraph(
      'Transpose',
      {
        x: [
          [0, 1, 2, 3, 4, 5],
          [1, 2, 3],
        ],
      },
      { perm: [-1, 0, 1] },
    );
    expect(await outputs(transpose, 'y')).toEqual({ shape: [3, 1, 2], values: [0, 3, 1, 4, 2, 5] });
    const oneHot = opGraph('OneHot', { indices: [[0, 1, -1], [3], 'int32'] }, { depth: 1, axis: 0 });
    expect(await outputs(oneHot, 'output')).toEqual({ shape: [1, 3], values: [1, 0, 0] });
    const conv = opGraph(
      'Conv2D',
      {
        input: [[...Array(49).keys()], [1, 7, 7, 1]],
        filter: [
          [1, 1, 1, 1],
          [2, 2, 1, 1],
        ],
      },
      { strides: [1, 2, 2, 1], dilations: [1, 2, 2, 1], padding: 'VALID' },
    );
    expect(await outputs(conv, 'output')).toEqual({
      shape: [1, 3, 3, 1],
      values: [32, 40, 48, 88, 96, 104, 144, 152, 160],
    });
    const pool = opGraph(
      'AvgPool',
      {
        value: [
          [1, 2, 3, 4],
          [1, 2, 2, 1],
        ],
      },
      { ksize: [1, 3, 3, 1], strides: [1, 1, 1, 1] },
    );
    expect(await outputs(pool, 'output')).toEqual({ shape: [1, 0, 0, 1], values: [] });
  });
});
