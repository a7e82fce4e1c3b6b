import type * as tfjs from '@tensorflow/tfjs';
import type { TfAttrValue } from '../../src/graph/tf-mapping';

/**
 * Builds tfjs GraphModel files the way tensorflowjs_converter writes them (tfjs-converter's
 * write_weights.py and quantization.py): a model.json whose GraphDef spells attributes as
 * protobuf JSON does, and weight shards of at most `shardBytes` holding the Const values in node
 * order, quantized as the converter quantizes.
 */

type Dtype = 'float32' | 'int32' | 'bool';
type Quantization = 'uint8' | 'uint16' | 'float16';

const DT: Record<Dtype, string> = { float32: 'DT_FLOAT', int32: 'DT_INT32', bool: 'DT_BOOL' };

/** Attribute values, spelled as the converter writes them. */
export const attr = {
  i: (n: number): TfAttrValue => ({ i: String(n) }),
  f: (x: number): TfAttrValue => ({ f: x }),
  b: (x: boolean): TfAttrValue => ({ b: x }),
  s: (text: string): TfAttrValue => ({ s: Buffer.from(text).toString('base64') }),
  type: (dtype: Dtype): TfAttrValue => ({ type: DT[dtype] }),
  ints: (xs: number[]): TfAttrValue => ({ list: { i: xs.map(String) } }),
  strings: (xs: string[]): TfAttrValue => ({ list: { s: xs.map((x) => Buffer.from(x).toString('base64')) } }),
  shape: (dims: number[]): TfAttrValue => ({ shape: { dim: dims.map((d) => ({ size: String(d) })) } }),
};

interface GraphDefNodeJson {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttrValue>;
  device?: string;
}

interface WeightJson {
  name: string;
  shape: number[];
  dtype: Dtype;
  quantization?: { dtype: Quantization; scale?: number; min?: number };
}

export interface GraphModelFiles {
  readonly modelJson: {
    format: 'graph-model';
    generatedBy: string;
    convertedBy: string;
    modelTopology: { node: GraphDefNodeJson[]; library?: object; versions: object };
    weightsManifest: { paths: string[]; weights: WeightJson[] }[];
    signature?: object;
  };
  readonly shards: Map<string, Uint8Array>;
}

export class GraphModelBuilder {
  private readonly nodes: GraphDefNodeJson[] = [];
  private readonly weights: { spec: WeightJson; bytes: Uint8Array }[] = [];
  private signature: object | undefined;
  private library: object | undefined;

  placeholder(name: string, dtype: Dtype, shape: number[] | null): this {
    const attrs: Record<string, TfAttrValue> = { dtype: attr.type(dtype) };
    if (shape) attrs.shape = { shape: { dim: shape.map((d) => ({ size: String(d) })) } };
    else attrs.shape = { shape: { unknownRank: true } };
    this.nodes.push({ name, op: 'Placeholder', attr: attrs });
    return this;
  }

  /** A Const whose values go to the weights, quantized as the converter would when asked. */
  constant(
    name: string,
    values: ArrayLike<number>,
    shape: number[],
    dtype: Dtype = 'float32',
    quantize?: Quantization,
  ) {
    this.nodes.push({
      name,
      op: 'Const',
      attr: {
        value: { tensor: { dtype: DT[dtype], tensorShape: { dim: shape.map((d) => ({ size: String(d) })) } } },
        dtype: attr.type(dtype),
      },
    });
    const typed =
      dtype === 'float32'
        ? Float32Array.from(values)
        : dtype === 'int32'
          ? Int32Array.from(values)
          : Uint8Array.from(values);
    if (!quantize) {
      this.weights.push({ spec: { name, shape, dtype }, bytes: new Uint8Array(typed.buffer) });
      return this;
    }
    const { bytes, quantization } = quantized(typed, quantize);
    this.weights.push({ spec: { name, shape, dtype, quantization }, bytes });
    return this;
  }

  node(name: string, op: string, input: string[], attrs: Record<string, TfAttrValue> = {}): this {
    this.nodes.push({ name, op, input, attr: attrs, device: '/device:CPU:0' });
    return this;
  }

  withSignature(inputs: Record<string, [string, Dtype, number[]]>, outputs: Record<string, [string, Dtype]>): this {
    const info = (name: string, dtype: Dtype, shape?: number[]) => ({
      name,
      dtype: DT[dtype],
      ...(shape && { tensorShape: { dim: shape.map((d) => ({ size: String(d) })) } }),
    });
    this.signature = {
      inputs: Object.fromEntries(Object.entries(inputs).map(([k, [n, d, s]]) => [k, info(n, d, s)])),
      outputs: Object.fromEntries(Object.entries(outputs).map(([k, [n, d]]) => [k, info(n, d)])),
    };
    return this;
  }

  withLibrary(functionNames: string[]): this {
    this.library = { function: functionNames.map((name) => ({ signature: { name }, nodeDef: [] })) };
    return this;
  }

  /** The files: weights in one group, split into shards of `shardBytes` as the converter splits them. */
  files(shardBytes = 4 * 1024 * 1024): GraphModelFiles {
    const all = concat(this.weights.map((w) => w.bytes));
    const shards = new Map<string, Uint8Array>();
    const count = Math.max(1, Math.ceil(all.length / shardBytes));
    for (let k = 0; k < count; k++)
      shards.set(`group1-shard${k + 1}of${count}.bin`, all.slice(k * shardBytes, (k + 1) * shardBytes));
    return {
      modelJson: {
        format: 'graph-model',
        generatedBy: '2.21.0',
        convertedBy: 'TensorFlow.js Converter v4.22.0',
        modelTopology: {
          node: this.nodes,
          ...(this.library && { library: this.library }),
          versions: { producer: 1882 },
        },
        weightsManifest: [{ paths: [...shards.keys()], weights: this.weights.map((w) => w.spec) }],
        ...(this.signature && { signature: this.signature }),
      },
      shards,
    };
  }
}

/** tfjs's own executor on the same files: the oracle for values. */
export async function loadWithTfjs(tf: typeof tfjs, files: GraphModelFiles): Promise<tfjs.GraphModel> {
  const { modelJson, shards } = files;
  const weightData = concat([...shards.values()]).slice().buffer;
  return tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
      weightData,
      format: 'graph-model',
      ...(modelJson.signature && { signature: modelJson.signature }),
    } as tfjs.io.ModelArtifacts),
  );
}

/** quantization.py's quantize_weights: a range nudged so that 0 is exact, values rounded to it. */
function quantized(values: Float32Array | Int32Array | Uint8Array, dtype: Quantization) {
  if (dtype === 'float16') {
    const halves = Uint16Array.from(values, toHalf);
    return { bytes: new Uint8Array(halves.buffer), quantization: { dtype } };
  }
  const quantMax = dtype === 'uint8' ? 255 : 65535;
  let min = Math.min(...values);
  let max = Math.max(...values);
  let scale = 1;
  let q: number[];
  if (min === max) q = Array.from(values, () => 0);
  else {
    scale = (max - min) / quantMax;
    if (min <= 0 && 0 <= max) {
      const zero = Math.round(-min / scale);
      min = -zero * scale;
      max = quantMax * scale + min;
    }
    q = Array.from(values, (v) => roundHalfEven((Math.min(Math.max(v, min), max) - min) / scale));
  }
  const array = dtype === 'uint8' ? Uint8Array.from(q) : Uint16Array.from(q);
  return { bytes: new Uint8Array(array.buffer), quantization: { dtype, scale, min } };
}

/** numpy's round: half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** numpy's float32 → float16 conversion, rounding to nearest even (values here are normal halves). */
function toHalf(value: number): number {
  const f = new Float32Array([value]);
  const bits = new Uint32Array(f.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent <= 0) return sign;
  if (exponent >= 31) return sign | 0x7c00;
  let half = sign | (exponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  return half;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
