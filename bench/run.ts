import * as tf from '@tensorflow/tfjs';
import type { Graph, GraphEdge, GraphNode, TensorLiteral } from '../src/graph/types';
import { validateGraph } from '../src/graph/validate';
import { registry } from '../src/ops/registry';
import { prepare, trace } from '../src/runtime/compile';
import { EagerExecution } from '../src/runtime/eager-execution';
import { canvasBench } from './canvas/measure';
import { cliStart } from './cli-start';
import { compiled, ms, random, runCompiled } from './compiled';
import { importedModelRun, importLargeModel } from './imported-model';
import { layoutOverhead } from './layout';
import { medians, printRows, type Row } from './measure';
import { BATCH, benchMlp, INPUTS } from './mlp-graph';
import { arrayScriptRoundTrip, tensorScriptOfOps } from './scripts';
import { eagerTrainingStep, trainingStep } from './training';
import { browserTraining } from './training-browser';
import { validateFanIn } from './validate';

function chain(length: number, op: (i: number) => string, input: number[], shape: number[]): Graph {
  const nodes: GraphNode[] = [
    { id: 'n0', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape, values: input } } },
  ];
  const edges: GraphEdge[] = [];
  for (let i = 1; i <= length; i++) {
    nodes.push({ id: `n${i}`, op: op(i), attrs: {} });
    edges.push({
      id: `e${i}`,
      source: `n${i - 1}`,
      sourcePort: registry.get(nodes[i - 1]!.op)!.outputs[0]!,
      target: `n${i}`,
      targetPort: 'x',
    });
  }
  return { nodes, edges };
}

/** A chain of binary adds where each node also reads the constant `c` (kept out of folding by the fed input). */
function addChain(length: number): Graph {
  const nodes: GraphNode[] = [
    { id: 'x', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [], values: [0] } } },
    { id: 'c', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [], values: [1] } } },
  ];
  const edges: GraphEdge[] = [];
  let prev = 'x';
  let prevPort = 'output';
  for (let i = 0; i < length; i++) {
    const id = `a${i}`;
    nodes.push({ id, op: 'AddV2', attrs: {} });
    edges.push({ id: `${id}x`, source: prev, sourcePort: prevPort, target: id, targetPort: 'x' });
    edges.push({ id: `${id}y`, source: 'c', sourcePort: 'output', target: id, targetPort: 'y' });
    prev = id;
    prevPort = 'z';
  }
  return { nodes, edges };
}

async function mlpForward(): Promise<Row> {
  const graph = benchMlp({ loss: false });
  const c = compiled(graph);
  const lit = (id: string) => graph.nodes.find((n) => n.id === id)!.attrs['value'] as TensorLiteral;
  // Careful hand-written tfjs, keeping what the plan keeps: the weights are made once and stay on
  // the device, each run uploads only x (from a typed array), and each intermediate is freed as
  // soon as the next op has read it.
  const [w1, b1, w2, b2] = ['w1', 'b1', 'w2', 'b2'].map((id) =>
    tf.tensor(lit(id).values as number[], lit(id).shape as number[]),
  ) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  const x = Float32Array.from(lit('x').values as number[]);
  const layers: ((t: tf.Tensor) => tf.Tensor)[] = [
    (t) => tf.matMul(t, w1),
    (t) => tf.add(t, b1),
    tf.relu,
    (t) => tf.matMul(t, w2),
    (t) => tf.add(t, b2),
    tf.softmax,
  ];
  const byHand = async () => {
    let y: tf.Tensor = tf.tensor2d(x, [BATCH, INPUTS]);
    for (const layer of layers) {
      const next = layer(y);
      y.dispose();
      y = next;
    }
    await y.data();
    y.dispose();
  };
  const t = await medians({ graph: () => runCompiled(c), byHand }, { rounds: 40 });
  c.plan.dispose();
  tf.dispose([w1, b1, w2, b2]);
  const ratio = t['graph']! / t['byHand']!;
  return {
    name: 'MLP forward: compiled graph / hand-written tfjs',
    figure: ratio,
    target: '≤ 1.05',
    met: ratio <= 1.05,
    detail: `${ms(t['graph']!)} vs ${ms(t['byHand']!)}`,
  };
}

async function elementwiseChain(): Promise<Row> {
  const ops = ['Sin', 'Cos', 'Tanh', 'Square', 'Neg'];
  const size = 100_000;
  const input = random(size, 7);
  const c = compiled(chain(50, (i) => ops[i % ops.length]!, input, [size]));
  const fns = [tf.sin, tf.cos, tf.tanh, tf.square, tf.neg] as ((x: tf.Tensor) => tf.Tensor)[];
  const byHand = async () => {
    const y = tf.tidy(() => {
      let x = tf.tensor(input, [size]);
      for (let i = 1; i <= 50; i++) x = fns[i % fns.length]!(x);
      return x;
    });
    await y.data();
    y.dispose();
  };
  const t = await medians({ graph: () => runCompiled(c), byHand }, { rounds: 20 });
  c.plan.dispose();
  const ratio = t['graph']! / t['byHand']!;
  return {
    name: '50-op elementwise chain (1e5): graph / hand-written',
    figure: ratio,
    target: '≤ 1.05',
    met: ratio <= 1.05,
    detail: `${ms(t['graph']!)} vs ${ms(t['byHand']!)}`,
  };
}

async function perNodeOverhead(): Promise<Row> {
  const n = 1000;
  const c = compiled(addChain(n));
  // The leanest hand-written chain: each intermediate disposed as soon as the next exists.
  const byHand = async () => {
    let x: tf.Tensor = tf.scalar(0);
    const one = tf.scalar(1);
    for (let i = 0; i < n; i++) {
      const next = tf.add(x, one);
      x.dispose();
      x = next;
    }
    await x.data();
    x.dispose();
    one.dispose();
  };
  const t = await medians({ graph: () => runCompiled(c), byHand }, { rounds: 40 });
  c.plan.dispose();
  const add = t['byHand']! / n;
  const overhead = (t['graph']! - t['byHand']!) / n;
  const ratio = overhead / add;
  return {
    name: 'per-node overhead (1,000 scalar adds) / one tf.add',
    figure: ratio,
    target: '≤ 0.25',
    met: ratio <= 0.25,
    detail: `${(overhead * 1000).toFixed(2)} µs per node vs ${(add * 1000).toFixed(2)} µs per tf.add`,
  };
}

async function graphVsEager(): Promise<Row> {
  const nodes: GraphNode[] = [
    { id: 'm0', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [10, 10], values: random(100, 3) } } },
    {
      id: 'w',
      op: 'Placeholder',
      attrs: { value: { dtype: 'float32', shape: [10, 10], values: random(100, 4).map((v) => v * 0.4) } },
    },
  ];
  const edges: GraphEdge[] = [];
  for (let i = 1; i <= 100; i++) {
    nodes.push({ id: `m${i}`, op: 'MatMul', attrs: {} });
    edges.push({
      id: `a${i}`,
      source: `m${i - 1}`,
      sourcePort: i === 1 ? 'output' : 'product',
      target: `m${i}`,
      targetPort: 'a',
    });
    edges.push({ id: `b${i}`, source: 'w', sourcePort: 'output', target: `m${i}`, targetPort: 'b' });
  }
  const c = compiled({ nodes, edges });
  const eager = async () => {
    const e = await new EagerExecution(tf, c.plan, c.feeds).runUntil();
    e.dispose();
  };
  const t = await medians({ graph: () => runCompiled(c), eager }, { rounds: 30 });
  c.plan.dispose();
  const ratio = t['graph']! / t['eager']!;
  return {
    name: '100 chained 10×10 MatMuls: graph / eager',
    figure: ratio,
    target: '≤ 1',
    met: ratio <= 1,
    detail: `${ms(t['graph']!)} vs ${ms(t['eager']!)}`,
  };
}

async function compileScaling(): Promise<Row> {
  const ops = ['Sin', 'Cos', 'Tanh', 'Neg'];
  const small = chain(1000, (i) => ops[i % ops.length]!, [1, 2, 3], [3]);
  const large = chain(10_000, (i) => ops[i % ops.length]!, [1, 2, 3], [3]);
  const compileOnly = (g: Graph) => () => {
    const prepared = prepare(validateGraph(g, registry));
    if (!prepared.ok) throw new Error('invalid');
    const traced = trace(tf, prepared);
    if (traced.ok) traced.plan.dispose();
  };
  const t = await medians({ k1: compileOnly(small), k10: compileOnly(large) }, { rounds: 15, warmup: 5 });
  const ratio = t['k10']! / t['k1']!;
  return {
    name: 'compile time: 10,000 nodes / 1,000 nodes',
    figure: ratio,
    target: '≤ 12',
    met: ratio <= 12,
    detail: `${ms(t['k10']!)} vs ${ms(t['k1']!)}`,
  };
}

/** The rows by the names that select them: `npm run bench -- cli mlp` runs only those two. */
const BENCHES: Record<string, () => Promise<Row>> = {
  mlp: mlpForward,
  chain: elementwiseChain,
  overhead: perNodeOverhead,
  eager: graphVsEager,
  compile: compileScaling,
  'array-script': arrayScriptRoundTrip,
  'tensor-script': tensorScriptOfOps,
  cli: cliStart,
  layout: layoutOverhead,
  imported: importedModelRun,
  import: importLargeModel,
  validate: validateFanIn,
  training: trainingStep,
  'eager-training': eagerTrainingStep,
  'browser-training': browserTraining,
};

async function main(selected: string[]) {
  const names = [...Object.keys(BENCHES), 'canvas'];
  const unknown = selected.filter((name) => !names.includes(name));
  if (unknown.length) {
    console.error(`error: no row ${unknown.join(', ')}; the rows: ${names.join(' ')}`);
    return 2;
  }
  const runs = (name: string) => !selected.length || selected.includes(name);
  tf.enableProdMode();
  await tf.setBackend('cpu');
  await tf.ready();
  console.log(
    `Tensorloom core benchmarks — tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}, Node ${process.version}; medians of interleaved runs\n`,
  );
  const rows: Row[] = [];
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (!runs(name)) continue;
    rows.push(await bench());
    printRows(rows.slice(-1));
  }
  if (runs('canvas')) {
    console.log('\nCanvas: p95 frame time while panning, Chromium (bench/canvas); interleaved rounds\n');
    const canvas = await canvasBench();
    rows.push(...canvas);
    printRows(canvas);
  }
  const missed = rows.filter((r) => !r.met).length;
  console.log(`\n${rows.length - missed} of ${rows.length} targets met`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
