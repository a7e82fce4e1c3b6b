import { z } from 'zod';
import type { TfAttrs } from '../../graph/tf-mapping';
import { expected } from '../issues';

/**
 * A tfjs GraphModel's `model.json`, as tensorflowjs_converter writes it (tfjs-core's
 * ModelJSON). Only what an import reads is checked; the rest (`device`, debug info, versions)
 * passes through, as converters of other versions add fields.
 */
const tfShape = z.looseObject({
  dim: z.array(z.looseObject({ size: z.union([z.string(), z.number()]).optional() })).optional(),
  unknownRank: z.boolean().optional(),
});

const graphDefNode = z.looseObject({
  name: z.string(expected('a node name')),
  op: z.string(expected('an op name')),
  input: z.array(z.string(expected('an input name')), expected('an array of input names')).optional(),
  attr: z.record(z.string(), z.looseObject({}), expected('an object of attributes')).optional(),
});

const quantization = z.looseObject({
  dtype: z.enum(['uint8', 'uint16', 'float16'], expected('"uint8", "uint16" or "float16"')),
  scale: z.number().optional(),
  min: z.number().optional(),
});

const weightEntry = z.looseObject({
  name: z.string(expected('a weight name')),
  shape: z.array(z.int().min(0), expected('an array of sizes')),
  dtype: z.string(expected('a dtype')),
  quantization: quantization.optional(),
});

const tensorInfo = z.looseObject({
  name: z.string(expected('a tensor name such as "x:0"')),
  dtype: z.string().optional(),
  tensorShape: tfShape.optional(),
});

const signature = z.looseObject({
  inputs: z.record(z.string(), tensorInfo).optional(),
  outputs: z.record(z.string(), tensorInfo).optional(),
});

export const modelJson = z.looseObject({
  format: z.literal('graph-model', expected('"graph-model"')),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullish(),
  modelTopology: z.looseObject({
    node: z.array(graphDefNode, expected('an array of GraphDef nodes')),
    library: z
      .looseObject({
        function: z.array(z.looseObject({ signature: z.looseObject({ name: z.string() }).optional() })).optional(),
      })
      .optional(),
  }),
  weightsManifest: z.array(
    z.looseObject({
      paths: z.array(z.string(expected('a file name')), expected('an array of file names')),
      weights: z.array(weightEntry, expected('an array of weights')),
    }),
    expected('an array of weight groups'),
  ),
  signature: signature.optional(),
  userDefinedMetadata: z.looseObject({ signature: signature.optional() }).optional(),
});

export type ModelJson = z.infer<typeof modelJson>;
export interface GraphDefNode {
  readonly name: string;
  readonly op: string;
  readonly input?: readonly string[];
  readonly attr?: TfAttrs;
}
export type WeightEntry = z.infer<typeof weightEntry>;
export type Signature = z.infer<typeof signature>;
