import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { Session } from '../../src/runtime/session';
import { cpu, live } from '../support/tf';
import { assertProperty } from './assert-property';
import { checkEagerVsGraph, OK } from './checks';
import { eagerEqualsGraph } from './properties';

beforeAll(async () => {
  await cpu();
});

describe('fuzzing eager against graph mode', () => {
  it(eagerEqualsGraph.name, () => assertProperty(eagerEqualsGraph));
});

describe('shrunk counterexamples', () => {
  /**
   * Shrunk from a generated graph: a script whose output port is `__proto__`, read by AddV2. The
   * session threw "t.data is not a function" and dispose() then threw "this.values[s]?.dispose is
   * not a function" (issue 10, finding 3).
   */
  const scriptWithProtoOutput: Graph = {
    nodes: [
      { id: 'x', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [2], values: [1.5, -2] } } },
      {
        id: 'constructor',
        op: 'TensorScript',
        attrs: {
          inputs: [{ name: 'x', dtype: 'float32' }],
          outputs: [{ name: '__proto__', dtype: 'float32', shape: [2] }],
          body: 'return tf.neg(x);',
        },
      },
      { id: 'sum', op: 'AddV2', attrs: {} },
    ],
    edges: [
      { id: 'e0', source: 'x', sourcePort: 'output', target: 'constructor', targetPort: 'x' },
      { id: 'e1', source: 'constructor', sourcePort: '__proto__', target: 'sum', targetPort: 'x' },
      { id: 'e2', source: 'constructor', sourcePort: '__proto__', target: 'sum', targetPort: 'y' },
    ],
  };

  it('a script output named __proto__ runs alike in both modes', async () => {
    expect(await checkEagerVsGraph(scriptWithProtoOutput)).toEqual(OK);
  });

  it('a script output named __proto__ gives its values, and dispose() frees them', async () => {
    const baseline = live();
    const session = new Session(tf);
    for (const mode of ['eager', 'graph'] as const) {
      const report = await session.run(scriptWithProtoOutput, { mode, outputs: ['constructor', 'sum'] });
      expect(report.error, mode).toBeNull();
      const values = Object.fromEntries(report.outputs.map((o) => [`${o.node}.${o.port}`, o.summary.values]));
      // -x, and -x + -x.
      expect(values, mode).toEqual({ 'constructor.__proto__': [-1.5, 2], 'sum.z': [-3, 4] });
    }
    session.dispose();
    expect(live()).toBe(baseline);
  });
});
