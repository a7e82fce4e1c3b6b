import { formatType } from '../../graph/shape';
import { quote } from '../codegen/script-functions';
import type { ExportedModelJson } from '../graph-model/export-graph-model';
import { BYTES_PER_VALUE } from '../tensor-bytes';
import { valueLiteral } from './literals';
import { WEIGHT } from './module-helpers';
import type { PlannedSource } from './module-plan';
import { key } from './names';

/**
 * The Weights interface and loadWeights, which reads the large constants from the weight shards a
 * GraphModel export writes (the same files, found by weight name in its manifest) once, so that
 * they stay on the device between runs.
 */
export function weightsSource(weights: readonly PlannedSource[], modelJson: ExportedModelJson): string[] {
  const [group] = modelJson.weightsManifest;
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const { name, shape, dtype } of group!.weights) {
    offsets.set(name, offset);
    offset += shape.reduce((n, d) => n * d, 1) * BYTES_PER_VALUE[dtype as keyof typeof BYTES_PER_VALUE];
  }
  return [
    "/** The graph's large constants, by node id: loadWeights reads them once, to pass to every run. */",
    'export interface Weights {',
    ...weights.flatMap(({ id, value }) => [
      `  /** ${formatType({ dtype: value.dtype, shape: [...value.shape] })} */`,
      `  ${key(id)}: tf.Tensor;`,
    ]),
    '}',
    '',
    '/**',
    ' * Reads the weights from the shards written beside this module, as a tfjs GraphModel has them',
    " * (model.json's weightsManifest); `read` fetches one by its path. Free them with tf.dispose.",
    ' */',
    'export async function loadWeights(read: (path: string) => Promise<ArrayBuffer>): Promise<Weights> {',
    `  const shards = await Promise.all([${group!.paths.map(quote).join(', ')}].map(read));`,
    '  const bytes = new Uint8Array(tf.io.concatenateArrayBuffers(shards));',
    '  return {',
    ...weights.map(
      ({ id, value }) =>
        `    ${key(id)}: ${WEIGHT.name}(bytes, ${offsets.get(id)}, ${valueLiteral(value.shape)}, ${quote(value.dtype)}),`,
    ),
    '  };',
    '}',
  ];
}
