import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { PortRef, TensorLiteral } from '../../../src/graph/types';
import { validateGraph } from '../../../src/graph/validate';
import type { GraphModelImport } from '../../../src/io/graph-model/import-graph-model';
import { importLayersModel } from '../../../src/io/keras/import-layers-model';
import { registry } from '../../../src/ops/registry';
import type { ExecutionMode } from '../../../src/runtime/execution';
import type { Session } from '../../../src/runtime/session';
import { withAttrs } from '../../support/graph-builder';
import { expectValuesClose } from '../../support/tf';
import { predicted, randomValues, saved, seedWeights, type LayersModelFiles } from './layers-model-files';

type Imported = Extract<GraphModelImport, { ok: true }>;

function imported(files: LayersModelFiles): Imported {
  const result = importLayersModel(files.modelJson, (path) => files.shards.get(path), registry);
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** The model's outputs, in order, as the import's notes name them. */
function modelOutputs({ notes }: Imported): PortRef[] {
  return notes.flatMap(({ nodeId, message }) => {
    const port = /^the model's output.* is .*, output (\w+)$/.exec(message)?.[1];
    return port ? [{ node: nodeId!, port }] : [];
  });
}

/** A batch of two for each of the model's inputs, in [-2, 2). */
export function batchFor(model: tf.LayersModel, seed: number): TensorLiteral[] {
  return model.inputs.map((input, k) => {
    const shape = [2, ...input.shape.slice(1).map((d) => d!)];
    const values = randomValues(
      shape.reduce((a, b) => a * b, 1),
      seed + 100 * k,
    ).map((v) => 2 * v);
    return { dtype: 'float32', shape, values };
  });
}

export interface Expected {
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
}

/**
 * Saves `model` (its weights set from `seed`) as tfjs writes it, imports the files, and runs the graph
 * on a batch of two in both modes: every output must agree with tfjs's `loadLayersModel(files)
 * .predict(batch)`. The model is disposed.
 */
export async function expectSameAsTfjs(
  model: tf.LayersModel,
  seed: number,
  newSession: () => Session,
): Promise<Imported> {
  seedWeights(model, seed);
  const files = await saved(model);
  const feeds = batchFor(model, seed);
  const inputNames = model.inputNames;
  model.dispose();
  const xs = feeds.map(({ values, shape }) => tf.tensor(values, [...shape]));
  const want = await predicted(files, xs);
  tf.dispose(xs);
  return expectRuns(files, inputNames, feeds, want, newSession);
}

/**
 * Imports the files and runs the graph, the inputs named `inputNames` fed `feeds`, in both modes:
 * every output must be `want` within 1e-5 (relative above 1); the session checks that no tensor
 * outlives the run.
 */
export async function expectRuns(
  files: LayersModelFiles,
  inputNames: readonly string[],
  feeds: readonly TensorLiteral[],
  want: readonly Expected[],
  newSession: () => Session,
): Promise<Imported> {
  const result = imported(files);
  expect(validateGraph(result.graph, registry).diagnostics).toEqual([]);
  const outputs = modelOutputs(result);
  expect(outputs).toHaveLength(want.length);
  let graph = result.graph;
  inputNames.forEach((name, k) => (graph = withAttrs(graph, name, { value: feeds[k]! })));
  for (const mode of ['graph', 'eager'] as ExecutionMode[]) {
    const session = newSession();
    const report = await session.run(graph, { mode, outputs });
    expect(report.error ?? null, mode).toBeNull();
    for (const [k, output] of report.outputs.entries()) {
      const label = `${mode} ${output.node}`;
      expect(output.summary.shape, label).toEqual(want[k]!.shape);
      const page = await session.page(output.node, output.port, { limit: 1 << 20 });
      expectValuesClose(page!.values, want[k]!.values, 1e-5, label);
    }
  }
  return result;
}
