/**
 * Every example graph as a TypeScript module: exported, type-checked with strict settings, run in
 * Node on the CPU backend with its weights read from the shards beside it, and compared with what
 * Tensorloom computes by default (every node nothing reads); plus the module of a small graph as
 * it reads.
 */
import { readdirSync } from 'node:fs';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../../src/graph/types';
import { parseGraphFile } from '../../../src/io/graph-file';
import { loadTranspiler } from '../../../src/ops/script/compile-body';
import { GraphBuilder } from '../../support/graph-builder';
import { sessions } from '../../support/session';
import { readRepoFile } from '../files';
import {
  expectSameValues,
  exported,
  moduleValues,
  removeGenerated,
  tensorloomValues,
  typeErrors,
  writeExport,
} from './exported-module';

const newSession = sessions();

function example(name: string): Graph {
  const result = parseGraphFile(readRepoFile(`public/examples/${name}.json`));
  if (!result.ok) throw new Error(result.error.message);
  return result.graph;
}

/** Shards hold 4 MB: this graph's large constants fill two, one of them split across both. */
function weighty(): Graph {
  const count = 1_050_000;
  return new GraphBuilder()
    .input(
      'x',
      Array.from({ length: 200 }, (_, i) => Math.fround(Math.sin(i))),
      [2, 100],
    )
    .constant(
      'w',
      Array.from({ length: 300 }, (_, i) => Math.fround(Math.cos(i) / 10)),
      [100, 3],
    )
    .constant(
      'columns',
      Array.from({ length: 70 }, (_, i) => (i * 37) % 100),
      [70],
      'int32',
    )
    .constant(
      'mask',
      Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0 : 1)),
      [2, 100],
      'bool',
    )
    .constant('zero', [0], [])
    .constant(
      'ramp',
      Array.from({ length: count }, (_, i) => (i % 7) / 8 - 0.25),
      [count],
    )
    .node('product', 'MatMul', {}, { a: 'x', b: 'w' })
    .node('picked', 'GatherV2', { axis: 1 }, { params: 'x', indices: 'columns' })
    .node('masked', 'SelectV2', {}, { condition: 'mask', t: 'x', e: 'zero' })
    .node('total', 'Sum', {}, { input: 'ramp' })
    .build();
}

/** Node ids that are no identifiers, or the names of what the module holds, and a step that awaits. */
function awkward(): Graph {
  return new GraphBuilder()
    .input('tf', [1, -2, 3])
    .input('my input', [0.5, 0, -1])
    .node('byName', 'Sin', {}, { x: 'tf' })
    .node('class', 'Mul', {}, { x: 'byName', y: 'my input' })
    .node('scope', 'Where', {}, { input: 'class' })
    .node('2x', 'Neg', {}, { x: 'class' })
    .node('constructor', 'Identity', {}, { input: 'scope' })
    .build();
}

/** Attributes supplied by tensors computed when running: read back, then used. */
function supplied(): Graph {
  return new GraphBuilder()
    .input('x', [1, 2, 3, 4, 5, 6], [2, 3])
    .input('y', [6, 5, 4, 3, 2, 1], [3, 2])
    .input('axis', [-1], [1], 'int32')
    .input('value', [0.5], [])
    .node('dims', 'Shape', {}, { input: 'x' })
    .node('reshaped', 'Reshape', {}, { tensor: 'y', shape: 'dims' })
    .node('sums', 'Sum', {}, { input: 'reshaped', reduction_indices: 'axis' })
    .node('filled', 'Fill', {}, { dims: 'dims', value: 'value' })
    .build();
}

const EXAMPLES = readdirSync(new URL('../../../public/examples', import.meta.url))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''))
  // Its DecodeImage cannot be written as tfjs code: decoding takes decoders a module does not import.
  .filter((name) => name !== 'seed-image-preprocessing')
  .sort();
const graphs = new Map<string, Graph>([
  ...EXAMPLES.map((name) => [name, example(name)] as const),
  ['weighty', weighty()],
  ['awkward', awkward()],
  ['supplied', supplied()],
]);
const written = new Map<string, string>();
let largest = 0;

beforeAll(async () => {
  await loadTranspiler();
  for (const [name, graph] of graphs) written.set(name, await writeExport(`examples/${name}`, exported(graph)));
}, 120_000);
afterAll(() => {
  console.log(`${graphs.size} graphs as TypeScript modules: largest difference ${largest}`);
  removeGenerated('examples');
});

describe('graphs written as TypeScript modules', () => {
  it('type-checks every module with strict settings', () => {
    expect(typeErrors([...written.values()])).toBe('');
  }, 120_000);

  it.each([...graphs.keys()])('%s computes what Tensorloom does', async (name) => {
    const graph = graphs.get(name)!;
    // Its scripts draw Math.random values: only their shapes can agree.
    const random = graph.nodes.some((n) => String(n.attrs.body ?? '').includes('Math.random'));
    const ours = await tensorloomValues(newSession(), graph);
    const theirs = await moduleValues(written.get(name)!, graph);
    largest = Math.max(largest, expectSameValues(ours, theirs, name, random));
  });

  it('loads large constants from the GraphModel shards written beside the module', () => {
    const files = exported(graphs.get('weighty')!);
    expect([...files.keys()]).toEqual(['model.ts', 'group1-shard1of2.bin', 'group1-shard2of2.bin']);
    const text = files.get('model.ts') as string;
    expect(text).toContain(
      "const shards = await Promise.all(['group1-shard1of2.bin', 'group1-shard2of2.bin'].map(read));",
    );
    // Small ones are written out.
    expect(text).toContain('tf.scalar(0)');
  });
});

describe('a generated module', () => {
  it('reads as the project writes code', async () => {
    const graph: Graph = {
      name: 'sin times two',
      description: 'Doubles the sine of x.',
      ...new GraphBuilder()
        .input('x', [1, 2, 3])
        .constant('two', [2], [])
        .node('sin', 'Sin', {}, { x: 'x' })
        .node('mul', 'Mul', {}, { x: 'sin', y: 'two' })
        .build(),
    };
    const text = exported(graph).get('model.ts') as string;
    const config = await prettier.resolveConfig(new URL(import.meta.url).pathname);
    expect(await prettier.format(text, { ...config, parser: 'typescript' })).toBe(SIN_TIMES_TWO);
  });
});

const SIN_TIMES_TWO = `/**
 * sin times two, written by Tensorloom as a module of @tensorflow/tfjs: \`run\` computes the graph's
 * outputs as Tensorloom does on the CPU backend.
 *
 * Doubles the sine of x.
 *
 *   const outputs = run({ x: tf.tensor1d([1, 2, 3]) });
 *   outputs.mul.print();
 *   tf.dispose(outputs);
 */
import * as tf from '@tensorflow/tfjs';

/** The graph's inputs, its Placeholders, by node id: tensors of these dtypes and shapes. */
export interface Inputs {
  /** float32[3] */
  x: tf.Tensor;
}

/** What the graph computes: its nodes that no other node reads, by node id (and port, for several). */
export interface Outputs {
  /** float32[3] */
  mul: tf.Tensor;
}

/**
 * Computes the graph's outputs from its inputs. The caller frees what it passes in and what it gets
 * back (tf.dispose); everything made in between is freed here.
 */
export function run(inputs: Inputs): Outputs {
  return tf.tidy(() => {
    const two = tf.scalar(2);
    const sin = tf.sin(inputs.x);
    const mul = tf.mul(sin, two);
    return { mul };
  });
}
`;
