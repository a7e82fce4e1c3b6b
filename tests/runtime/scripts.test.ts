import { describe, expect, it } from 'vitest';
import type { AttrValue, Graph } from '../../src/graph/types';
import type { GradientReport } from '../../src/runtime/reports';
import type { Session } from '../../src/runtime/session';
import { sessions } from '../support/session';
import { GraphBuilder, tensor, withAttrs } from '../support/graph-builder';
import { expectValuesClose } from '../support/tf';

const newSession = sessions();

/** x → a script (one input x, one output y) → Sum as the loss. */
function scriptGraph(op: 'TensorScript' | 'ArrayScript', attrs: Record<string, AttrValue>, x = [1, 2, 3]): Graph {
  return new GraphBuilder()
    .input('x', x)
    .node('s', op, attrs, { x: 'x' })
    .node('loss', 'Sum', {}, { input: 's.y' })
    .build();
}

function gradientOf(report: GradientReport, node: string, port: string): number[] | string {
  const g = report.nodes[node]![port]!;
  return 'summary' in g ? [...g.summary.values] : g.none;
}

/** Central finite differences of the loss with respect to each element of x. */
async function finiteDifferences(s: Session, graph: Graph, x: number[], eps = 1e-2): Promise<number[]> {
  const loss = async (values: number[]) =>
    (await s.run(withAttrs(graph, 'x', { value: tensor(values) }), { outputs: ['loss'] })).outputs[0]!.summary
      .values[0]!;
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const up = [...x];
    const down = [...x];
    up[i]! += eps;
    down[i]! -= eps;
    out.push(((await loss(up)) - (await loss(down))) / (2 * eps));
  }
  return out;
}

describe('script nodes', () => {
  it.each(['eager', 'graph'] as const)('compute in %s mode: a tensor script and an array script', async (mode) => {
    const s = newSession();
    const t = await s.run(scriptGraph('TensorScript', { body: 'return tf.mul(tf.sin(x), 2);' }), {
      mode,
      outputs: ['s'],
    });
    expectValuesClose(
      t.outputs[0]!.summary.values,
      [1, 2, 3].map((v) => 2 * Math.sin(v)),
      1e-6,
    );
    const a = await s.run(scriptGraph('ArrayScript', { body: 'return x.map(Math.log);' }, [1, Math.E, 10]), {
      mode,
      outputs: ['s'],
    });
    expectValuesClose(a.outputs[0]!.summary.values, [0, 1, Math.log(10)], 1e-6);
  });

  it.each(['eager', 'graph'] as const)(
    'pass an input through unchanged (the default body `return x;`) in %s mode, shape included',
    async (mode) => {
      const s = newSession();
      for (const op of ['TensorScript', 'ArrayScript'] as const) {
        const graph = new GraphBuilder()
          .input('x', [1, 2, 3, 4, 5, 6], [2, 3])
          .node('s', op, { body: 'return x;' }, { x: 'x' })
          .node('loss', 'Sum', {}, { input: 's.y' })
          .build();
        const report = await s.run(graph, { mode, outputs: ['s', 'loss'] });
        expect(report.error).toBeNull();
        const [y, loss] = report.outputs;
        expect(y!.summary.shape).toEqual([2, 3]);
        expect(y!.summary.values).toEqual([1, 2, 3, 4, 5, 6]);
        expect(loss!.summary.values).toEqual([21]);
      }
    },
  );

  it('report each failure on the script node with the user line, and skip only what depends on it', async () => {
    const s = newSession();
    const cases: [Record<string, AttrValue>, RegExp][] = [
      [{ body: 'const a = 1;\nthrow new Error("bad input");' }, /^bad input \(line 2, column 7\)$/],
      [{ body: 'const a: = 1;' }, /^syntax error: .*\(line 1, column 10\)$/],
      [{ body: 'return 3;' }, /^output "y": expected a tensor, got a number \(3\)$/],
      [{ body: "return tf.cast(x, 'int32');" }, /declared float32, got int32/],
      [{ body: 'return { y: x, z: x };' }, /"z", which is not a declared output/],
    ];
    for (const [attrs, message] of cases) {
      const report = await s.run(scriptGraph('TensorScript', attrs), { mode: 'eager', outputs: ['x', 'loss'] });
      expect(report.error?.nodeId).toBe('s');
      expect(report.error?.message).toMatch(message);
      const byId = Object.fromEntries(report.nodes.map((n) => [n.nodeId, n]));
      expect(byId['loss']!.status).toBe('skipped');
      expect(byId['loss']!.error).toBe('skipped because s failed');
      expectValuesClose(byId['x']!.outputs['output']!.values, [1, 2, 3]);
    }
    const wrong = await s.run(
      scriptGraph('ArrayScript', { outputs: [{ name: 'y', dtype: 'int32' }], body: 'return [1.5, 2];' }),
      {
        outputs: ['s'],
      },
    );
    expect(wrong.error?.message).toBe('output "y": declared int32, but value 0 is 1.5');
  });

  it('stop a promise that never settles at its deadline', async () => {
    const s = newSession();
    const report = await s.run(
      scriptGraph('ArrayScript', { body: 'await new Promise(() => {});\nreturn x;', timeout_ms: 200 }),
      {
        outputs: ['s'],
      },
    );
    expect(report.error).toEqual({ nodeId: 's', message: 'timed out after 200 ms' });
  });

  it('let gradients through a tensor script built of tf ops, as finite differences say', async () => {
    const s = newSession();
    const graph = scriptGraph('TensorScript', { body: 'return tf.mul(tf.sin(x), 2);' });
    const report = await s.computeGradients(graph, 'loss');
    expect(report.ok).toBe(true);
    expectValuesClose(
      gradientOf(report, 'x', 'output') as number[],
      [1, 2, 3].map((v) => 2 * Math.cos(v)),
      1e-6,
    );
    expectValuesClose(
      gradientOf(report, 'x', 'output') as number[],
      await finiteDifferences(s, graph, [1, 2, 3]),
      1e-3,
    );
  });

  it('use a gradient body where one is given (the seed: dy · 2 · cos(x))', async () => {
    const s = newSession();
    const graph = scriptGraph('TensorScript', {
      body: 'await Promise.resolve();\nreturn tf.mul(tf.sin(x), 2);',
      gradient: 'return tf.mul(dy, tf.mul(2, tf.cos(x)));',
    });
    const report = await s.computeGradients(graph, 'loss');
    expectValuesClose(
      gradientOf(report, 'x', 'output') as number[],
      [1, 2, 3].map((v) => 2 * Math.cos(v)),
      1e-6,
    );
    expectValuesClose(
      gradientOf(report, 'x', 'output') as number[],
      await finiteDifferences(s, graph, [1, 2, 3]),
      1e-3,
    );
  });

  it("give a gradient body the node's output, alive though the run has moved past it (exp: dy · output)", async () => {
    const s = newSession();
    const graph = scriptGraph('TensorScript', {
      body: 'return tf.exp(x);',
      gradient: 'return tf.mul(dy, output);',
    });
    const report = await s.computeGradients(graph, 'loss');
    expect(report.ok).toBe(true);
    expectValuesClose(gradientOf(report, 'x', 'output') as number[], [1, 2, 3].map(Math.exp), 1e-6);
  });

  it('stop the gradient at an array script without a gradient body, and pass it with one (dy / x)', async () => {
    const s = newSession();
    const x = [1, Math.E, 10];
    const none = await s.computeGradients(scriptGraph('ArrayScript', { body: 'return x.map(Math.log);' }, x), 'loss');
    expect(gradientOf(none, 'x', 'output')).toBe('no gradient flows back through ArrayScript (s)');
    expectValuesClose(gradientOf(none, 's', 'y') as number[], [1, 1, 1]);
    const graph = scriptGraph('ArrayScript', { body: 'return x.map(Math.log);', gradient: 'return tf.div(dy, x);' }, x);
    const withBody = await s.computeGradients(graph, 'loss');
    expectValuesClose(gradientOf(withBody, 'x', 'output') as number[], [1, 1 / Math.E, 0.1], 1e-6);
    expectValuesClose(
      gradientOf(withBody, 'x', 'output') as number[],
      await finiteDifferences(s, graph, x, 1e-3),
      2e-3,
    );
  });

  it("name the node and the gradient body's own line when a gradient body fails", async () => {
    const s = newSession();
    const failing = async (gradient: string) =>
      (await s.computeGradients(scriptGraph('TensorScript', { body: 'return tf.sin(x);', gradient }), 'loss')).error;
    expect(await failing('const k = 2;\nreturn tf.mul(dy, scale);')).toBe(
      's: scale is not defined (line 2, column 19)',
    );
    expect(await failing('const k = ;')).toBe('s: syntax error: Unexpected token (line 1, column 11)');
  });
});
