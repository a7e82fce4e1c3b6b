import { z } from 'zod';
import type { TfAttrs } from '../../graph/tf-mapping';
import { expected } from '../issues';
import { ownRecord } from '../own-record';

/**
 * A tfjs GraphModel's `model.json`, as tensorflowjs_converter writes it (tfjs-core's
 * ModelJSON). Only what an import reads is checked; the rest (`device`, debug info, versions)
 * passes through, as converters of other versions add fields.
 */
const tfShape = z.looseObject({
  dim: z.array(z.looseObject({ size: z.union([z.string(), z.number()]).optional() })).optional(),
  unknownRank: z.boolean().optional(),
});

const int64 = z.union([z.string(), z.number()], expected('an integer, as a string or a number'));
// Protobuf's JSON writes a float that is NaN or ±Infinity as a string.
const float = z.union([z.number(), z.string()], expected('a number'));

/** A GraphDef attribute value (tf-mapping.ts's TfAttrValue): every field an import may read has its type checked. */
const attrValue = z.looseObject(
  {
    s: z.string(expected('base64 text')).optional(),
    i: int64.optional(),
    f: float.optional(),
    b: z.boolean(expected('true or false')).optional(),
    type: z.string(expected('a dtype such as "DT_FLOAT"')).optional(),
    shape: tfShape.optional(),
    list: z
      .looseObject({
        s: z.array(z.string(expected('base64 text'))).optional(),
        i: z.array(int64).optional(),
        f: z.array(float).optional(),
        b: z.array(z.boolean(expected('true or false'))).optional(),
        type: z.array(z.string(expected('a dtype such as "DT_FLOAT"'))).optional(),
        shape: z.array(tfShape).optional(),
      })
      .optional(),
    tensor: z.looseObject({ dtype: z.string().optional(), tensorShape: tfShape.optional() }).optional(),
    func: z.looseObject({ name: z.string().optional() }).optional(),
  },
  expected('an attribute value {s, i, f, b, type, shape, list, tensor or func}'),
);

const graphDefNode = z.looseObject({
  name: z.string(expected('a node name')),
  op: z.string(expected('an op name')),
  input: z.array(z.string(expected('an input name')), expected('an array of input names')).optional(),
  attr: ownRecord(attrValue, expected('an object of attributes')).optional(),
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
  inputs: ownRecord(tensorInfo, expected('an object of tensors by name')).optional(),
  outputs: ownRecord(tensorInfo, expected('an object of tensors by name')).optional(),
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
