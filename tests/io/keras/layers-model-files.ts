import * as tf from '@tensorflow/tfjs';

/** A layers-model as the files a user drops: model.json and its weight shard, as tfjs writes them. */
export interface LayersModelFiles {
  readonly modelJson: {
    modelTopology: Record<string, unknown>;
    format?: string;
    generatedBy?: string;
    convertedBy?: string | null;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  readonly shards: Map<string, Uint8Array>;
}

const SHARD = 'model.weights.bin';

/** Numbers in [-1, 1) from a seed, the same on every run. */
export function randomValues(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (s / 2 ** 31) * 2 - 1;
  });
}

/**
 * Sets every weight of `model` from `seed`: a model's initializers are random, and a batch
 * normalization's moving variance must stay positive.
 */
export function seedWeights(model: tf.LayersModel, seed: number): void {
  const values = model.weights.map((w, k) => {
    // A built weight's shape has every size.
    const shape = w.shape as number[];
    const v = randomValues(
      shape.reduce((a, b) => a * b, 1),
      seed + k,
    );
    return tf.tensor(w.originalName.endsWith('moving_variance') ? v.map((x) => 0.5 + Math.abs(x)) : v, shape);
  });
  model.setWeights(values);
  tf.dispose(values);
}

/**
 * What `model.save` writes to files: the artifacts tfjs hands a save handler, put into model.json as
 * tfjs's own file writers put them (io_utils.getModelJSONForModelArtifacts), the weights in one shard.
 */
export async function saved(model: tf.LayersModel): Promise<LayersModelFiles> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const { modelTopology, format, generatedBy, convertedBy, weightSpecs, weightData } = artifacts!;
  const json = {
    modelTopology,
    format,
    generatedBy,
    convertedBy,
    weightsManifest: [{ paths: [`./${SHARD}`], weights: weightSpecs! }],
  };
  const bytes = new Uint8Array(tf.io.concatenateArrayBuffers(weightData as ArrayBuffer));
  // Through JSON text, as a file is read: what tfjs wrote as undefined is gone.
  return { modelJson: JSON.parse(JSON.stringify(json)), shards: new Map([[`./${SHARD}`, bytes]]) };
}

/** What tfjs's `loadLayersModel(files).predict(inputs)` gives, the model disposed afterwards. */
export async function predicted(
  files: LayersModelFiles,
  inputs: readonly tf.Tensor[],
): Promise<{ shape: number[]; values: Float32Array }[]> {
  const [shard] = files.shards.values();
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: files.modelJson.modelTopology,
      weightSpecs: files.modelJson.weightsManifest.flatMap((group) => group.weights),
      weightData: shard!.slice().buffer,
    }),
  );
  const outputs = model.predict(inputs.length === 1 ? inputs[0]! : [...inputs]) as tf.Tensor | tf.Tensor[];
  const got = await Promise.all(
    [outputs].flat().map(async (t) => ({ shape: t.shape, values: (await t.data()) as Float32Array })),
  );
  tf.dispose(outputs);
  model.dispose();
  return got;
}
