import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { Graph, TensorLiteral } from '../../../src/graph/types';
import { validateGraph } from '../../../src/graph/validate';
import { importGraphModel, type GraphModelImport } from '../../../src/io/graph-model/import-graph-model';
import { registry } from '../../../src/ops/registry';
import type { ExecutionMode } from '../../../src/runtime/execution';
import type { Session } from '../../../src/runtime/session';
import { withAttrs } from '../../support/graph-builder';
import { loadWithTfjs, type GraphModelFiles } from '../../support/graph-model-files';
import { expectValuesClose } from '../../support/tf';

export function imported(files: GraphModelFiles): Extract<GraphModelImport, { ok: true }> {
  const result = importGraphModel(JSON.parse(JSON.stringify(files.modelJson)), (p) => files.shards.get(p), registry);
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** `name` or `name:k` as the imported graph's port. */
const portRef = (graph: Graph) => (tfName: string) => {
  const [node, index = '0'] = tfName.split(':');
  const validation = validateGraph(graph, registry);
  return { node: node!, port: validation.nodes.get(node!)!.op.outputs[Number(index)]! };
};

/**
 * Runs the imported graph with `feeds` in both modes and checks every output against tfjs's
 * GraphModel.execute on the same files; the session checks that no tensor outlives the run.
 */
export async function expectImportSameAsTfjs(
  newSession: () => Session,
  files: GraphModelFiles,
  feeds: Record<string, TensorLiteral>,
  outputs: string[],
  tolerance = 1e-5,
) {
  const model = await loadWithTfjs(tf, files);
  const inputs = Object.fromEntries(
    Object.entries(feeds).map(([name, { values, shape, dtype }]) => [name, tf.tensor(values, [...shape], dtype)]),
  );
  const expected = model.execute(inputs, outputs) as tf.Tensor | tf.Tensor[];
  const want = await Promise.all([expected].flat().map(async (t) => ({ shape: t.shape, values: await t.data() })));
  tf.dispose([expected, Object.values(inputs)].flat());
  model.dispose();

  let graph = imported(files).graph;
  for (const [name, value] of Object.entries(feeds)) graph = withAttrs(graph, name, { value });
  for (const mode of ['graph', 'eager'] as ExecutionMode[]) {
    const session = newSession();
    const report = await session.run(graph, { mode, outputs: outputs.map(portRef(graph)) });
    expect(report.error ?? null, mode).toBeNull();
    expect(report.outputs.length, `${mode}: outputs`).toBe(outputs.length);
    for (const [k, output] of report.outputs.entries()) {
      expect(output.summary.shape, `${mode} ${outputs[k]}`).toEqual(want[k]!.shape);
      const page = await session.page(output.node, output.port, { limit: 1 << 20 });
      expectValuesClose(page!.values, want[k]!.values, tolerance, `${mode} ${outputs[k]}`);
    }
  }
}
