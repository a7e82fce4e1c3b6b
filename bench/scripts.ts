import * as tf from '@tensorflow/tfjs';
import type { AttrValue, Graph, GraphEdge, GraphNode } from '../src/graph/types';
import { loadTranspiler } from '../src/ops/script/compile-body';
import type { ScriptWatch } from '../src/runtime/forward';
import { compiled, ms, random, runCompiled } from './compiled';
import { medians, type Row } from './measure';

// The app runs graphs with a watch (its watchdog); so do these rows, so that its cost counts.
const watch: ScriptWatch = { started: () => {}, finished: () => {} };

const node = (id: string, op: string, attrs: Record<string, AttrValue> = {}): GraphNode => ({ id, op, attrs });

/** Wires `from` (node.port) into `to` (node.port). */
const edge = (from: string, to: string): GraphEdge => {
  const [source, sourcePort] = from.split('.') as [string, string];
  const [target, targetPort] = to.split('.') as [string, string];
  return { id: `${from}-${to}`, source, sourcePort, target, targetPort };
};

const input = (values: number[]) =>
  node('x', 'Placeholder', { value: { dtype: 'float32', shape: [values.length], values } });

/** x, then one script node `s` on it. */
const scriptGraph = (values: number[], op: 'ArrayScript' | 'TensorScript', body: string): Graph => ({
  nodes: [input(values), node('s', op, { body })],
  edges: [edge('x.output', 's.x')],
});

/** Medians of the two graphs' runs, interleaved; throws if a run leaves a tensor behind. */
async function compare(
  subject: Graph,
  peer: Graph,
  rounds = 100,
): Promise<{ subject: number; peer: number; ratio: number }> {
  // Session.run loads the transpiler; these rows run compiled plans directly.
  await loadTranspiler();
  const before = tf.memory().numTensors;
  const [s, p] = [compiled(subject), compiled(peer)];
  const t = await medians({ subject: () => runCompiled(s, watch), peer: () => runCompiled(p, watch) }, { rounds });
  s.plan.dispose();
  p.plan.dispose();
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) throw new Error(`${leaked} tensors leaked`);
  return { subject: t['subject']!, peer: t['peer']!, ratio: t['subject']! / t['peer']! };
}

/** An array script that returns its input: read back, copied, checked and uploaded again. */
export async function arrayScriptRoundTrip(): Promise<Row> {
  const run = (size: number) => {
    const values = random(size, 11);
    const identity: Graph = { nodes: [input(values), node('i', 'Identity')], edges: [edge('x.output', 'i.input')] };
    return compare(scriptGraph(values, 'ArrayScript', 'return x;'), identity);
  };
  const large = await run(100_000);
  // Where the copies cost little, the fixed cost of a script shows.
  const small = await run(100);
  return {
    name: 'array script `return x` (1e5) / Identity',
    figure: large.ratio,
    target: '≤ 2',
    met: large.ratio <= 2,
    detail: `${ms(large.subject)} vs ${ms(large.peer)}; at 100 values ${ms(small.subject)} vs ${ms(small.peer)} (×${small.ratio.toFixed(2)})`,
  };
}

/** A tensor script of tf ops against the same ops as nodes. */
export async function tensorScriptOfOps(): Promise<Row> {
  const values = random(100_000, 13);
  const ops: Graph = {
    nodes: [
      input(values),
      node('sin', 'Sin'),
      node('two', 'Const', { value: { dtype: 'float32', shape: [], values: [2] } }),
      node('mul', 'Mul'),
    ],
    edges: [edge('x.output', 'sin.x'), edge('sin.y', 'mul.x'), edge('two.output', 'mul.y')],
  };
  const t = await compare(scriptGraph(values, 'TensorScript', 'return tf.mul(tf.sin(x), 2);'), ops);
  return {
    name: 'tensor script `tf.mul(tf.sin(x), 2)` (1e5) / Sin, Mul nodes',
    figure: t.ratio,
    target: '≤ 1.10',
    met: t.ratio <= 1.1,
    detail: `${ms(t.subject)} vs ${ms(t.peer)}`,
  };
}
