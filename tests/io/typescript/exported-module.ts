import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import ts from 'typescript';
import { expect } from 'vitest';
import type { Graph, TensorLiteral } from '../../../src/graph/types';
import { validateGraph } from '../../../src/graph/validate';
import { exportTypeScript } from '../../../src/io/typescript/export-typescript';
import { registry } from '../../../src/ops/registry';
import type { Session } from '../../../src/runtime/session';
import { expectValuesClose } from '../../support/tf';

/**
 * Where the tests write modules: inside the repository, so that they import @tensorflow/tfjs from
 * its node_modules; each test file in a folder of its own, which it removes when done.
 */
export const GENERATED = join(import.meta.dirname, '.generated');

export function removeGenerated(folder: string): void {
  rmSync(join(GENERATED, folder), { recursive: true, force: true });
}

/** The graph's export, which must succeed. */
export function exported(graph: Graph): ReadonlyMap<string, string | Uint8Array> {
  const result = exportTypeScript(graph, registry);
  if (!result.ok) throw new Error(result.message);
  return result.files;
}

/**
 * Writes an export's files into a folder of their own, model.ts formatted by prettier as the
 * project formats its code; returns model.ts's path.
 */
export async function writeExport(folder: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<string> {
  const dir = join(GENERATED, folder);
  mkdirSync(dir, { recursive: true });
  const config = await prettier.resolveConfig(join(import.meta.dirname, 'model.ts'));
  for (const [name, content] of files)
    writeFileSync(
      join(dir, name),
      typeof content === 'string' ? await prettier.format(content, { ...config, parser: 'typescript' }) : content,
    );
  return join(dir, 'model.ts');
}

/** Type errors in the modules, checked together by the project's TypeScript with strict settings. */
export function typeErrors(paths: readonly string[]): string {
  const program = ts.createProgram(paths, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
    noEmit: true,
  });
  return ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => GENERATED,
    getNewLine: () => '\n',
  });
}

interface Values {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
}

interface ExportedModule {
  run(inputs?: Record<string, tf.Tensor>, weights?: tf.NamedTensorMap): tf.TensorContainer;
  loadWeights?(read: (path: string) => Promise<ArrayBuffer>): Promise<tf.NamedTensorMap>;
}

/**
 * The module at `path` run on the values of the graph's inputs (Placeholders, StepIndex), with its weights read from the files
 * beside it: each output by `node:port`. Asserts that everything it made besides them is freed.
 */
export async function moduleValues(path: string, graph: Graph): Promise<Map<string, Values>> {
  const module = (await import(/* @vite-ignore */ path)) as ExportedModule;
  const read = async (file: string) => new Uint8Array(readFileSync(join(path, '..', file))).buffer;
  const weights = module.loadWeights ? await module.loadWeights(read) : {};
  const inputs = Object.fromEntries(
    graph.nodes.flatMap((n) => {
      if (n.op === 'StepIndex') return [[n.id, tf.scalar(n.attrs.value as number, 'int32')]];
      if (n.op !== 'Placeholder') return [];
      const { values, shape, dtype } = n.attrs.value as TensorLiteral;
      return [[n.id, tf.tensor(values as number[], [...shape], dtype)]];
    }),
  );
  const before = tf.memory().numTensors;
  const outputs = (await module.run(inputs, weights)) as Record<string, tf.Tensor | Record<string, tf.Tensor>>;
  const values = new Map<string, Values>();
  for (const [id, value] of Object.entries(outputs)) {
    const ports = outputPorts(graph, id);
    const byPort = value instanceof tf.Tensor ? { [ports[0]!]: value } : value;
    for (const [port, t] of Object.entries(byPort))
      values.set(`${id}:${port}`, { dtype: t.dtype, shape: t.shape, values: await t.data() });
  }
  tf.dispose(outputs);
  expect(tf.memory().numTensors, 'tensors the run left besides its outputs').toBe(before);
  tf.dispose([...Object.values(inputs), ...Object.values(weights)]);
  return values;
}

/** A node's output ports, as validation gives them (a script declares its own). */
export function outputPorts(graph: Graph, id: string): readonly string[] {
  return validateGraph(graph, registry).nodes.get(id)!.op.outputs;
}

/**
 * Tensorloom's values of the outputs `names` (`node:port`), computed by a Session in graph mode;
 * without names, of the outputs it computes by default: every node nothing reads.
 */
export async function tensorloomValues(session: Session, graph: Graph, names?: readonly string[]) {
  const outputs = names?.map((name) => {
    const [node, port] = name.split(':') as [string, string];
    return { node, port };
  });
  const report = await session.run(graph, { mode: 'graph', ...(outputs && { outputs }) });
  expect(report.error ?? null).toBeNull();
  const values = new Map<string, Values>();
  for (const o of report.outputs)
    values.set(`${o.node}:${o.port}`, {
      dtype: o.summary.dtype,
      shape: o.summary.shape,
      values: (await session.page(o.node, o.port, { limit: 1 << 22 }))!.values,
    });
  return values;
}

/** Asserts the module's values are Tensorloom's: dtypes and shapes, and the values within 1e-5 unless `shapesOnly`. */
export function expectSameValues(
  ours: ReadonlyMap<string, Values>,
  theirs: ReadonlyMap<string, Values>,
  label: string,
  shapesOnly = false,
): number {
  expect([...theirs.keys()].sort(), `${label}: outputs`).toEqual([...ours.keys()].sort());
  let largest = 0;
  for (const [name, want] of ours) {
    const got = theirs.get(name)!;
    expect(got.dtype, `${label} ${name} dtype`).toBe(want.dtype);
    expect([...got.shape], `${label} ${name} shape`).toEqual([...want.shape]);
    if (shapesOnly) continue;
    expectValuesClose(got.values, want.values, 1e-5, `${label} ${name}`);
    for (let i = 0; i < want.values.length; i++) {
      const difference = Math.abs(got.values[i]! - want.values[i]!);
      if (Number.isFinite(difference)) largest = Math.max(largest, difference);
    }
  }
  return largest;
}
