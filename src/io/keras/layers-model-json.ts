import { z } from 'zod';
import { modelJson as graphModelJson } from '../graph-model/model-json';
import { describe, expected } from '../issues';

/**
 * A tfjs layers-model `model.json`, as `LayersModel.save` and `tensorflowjs_converter --input_format
 * keras` write it: a Keras model config (Sequential or Functional) and the weights manifest both
 * model formats share. Only the model's structure is checked here; each layer's own config is read
 * by its kind (layer-kinds.ts), so that a problem names the layer.
 */

/** A layer as a model config lists it; `inbound_nodes` only in a Functional model. */
const layer = z.looseObject({
  class_name: z.string(expected('a layer class name')),
  config: z.looseObject({ name: z.string(expected('a layer name')) }, expected('an object of layer settings')),
  name: z.string(expected('a layer name')).optional(),
  inbound_nodes: z
    .array(
      z.array(
        z.tuple([z.string(), z.int().min(0), z.int().min(0)]).rest(z.unknown()),
        expected('[layer name, node index, tensor index, kwargs] per input'),
      ),
      expected(
        "a list of calls, each a list of [layer name, node index, tensor index, kwargs] (Keras 3's {args, kwargs} calls are not read)",
      ),
    )
    .optional(),
});
export type KerasLayer = z.infer<typeof layer>;

/** `[layer name, node index, tensor index]`: one output of one call of a layer. */
const tensorRef = z.tuple(
  [z.string(), z.int().min(0), z.int().min(0)],
  expected('[layer name, node index, tensor index]'),
);
export type TensorRef = z.infer<typeof tensorRef>;

/** Keras 3 writes a single input or output as one ref rather than a list of one. */
const tensorRefs = z.union([z.array(tensorRef), tensorRef.transform((ref) => [ref])], {
  error: () => 'expected a list of [layer name, node index, tensor index]',
});

const layers = z.array(layer, expected('an array of layers'));

const sequential = z.looseObject({
  class_name: z.literal('Sequential'),
  // Older Keras wrote a Sequential model's config as its list of layers.
  config: z.union(
    [
      z.looseObject({ name: z.string().optional(), layers }),
      layers.transform((list) => ({ name: undefined, layers: list })),
    ],
    {
      error: () => 'expected an object with the list of layers',
    },
  ),
});

const functionalConfig = z.looseObject({
  name: z.string().optional(),
  layers,
  input_layers: tensorRefs,
  output_layers: tensorRefs,
});

export const modelConfig = z.discriminatedUnion(
  'class_name',
  [
    sequential,
    z.looseObject({ class_name: z.literal('Functional'), config: functionalConfig }),
    z.looseObject({ class_name: z.literal('Model'), config: functionalConfig }),
  ],
  // Zod reports the whole config as the input of a failed discriminator; the class is what is wrong.
  {
    error: (issue) =>
      `expected "Sequential", "Functional" or "Model", got ${describe((issue.input as { class_name?: unknown } | undefined)?.class_name)}`,
  },
);
export type ModelConfig = z.infer<typeof modelConfig>;

export const layersModelJson = z.looseObject({
  format: z
    .literal('layers-model', expected('"layers-model" (a "graph-model" is imported as a tfjs GraphModel)'))
    .optional(),
  // tfjs writes the model config itself; Keras's converter wraps it with the training config. (A
  // problem is reported on the branch that got further, the first on a tie: tfjs's.)
  modelTopology: z.union(
    [
      modelConfig.transform((model) => ({ model, path: 'modelTopology' })),
      z
        .looseObject({ model_config: modelConfig })
        .transform((t) => ({ model: t.model_config, path: 'modelTopology.model_config' })),
    ],
    {
      error: () => 'expected a Keras model config ({class_name, config}), or one in model_config',
    },
  ),
  weightsManifest: graphModelJson.shape.weightsManifest,
});
