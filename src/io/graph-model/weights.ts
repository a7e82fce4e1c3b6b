import { DTYPES, elementCount, type DType, type TensorLiteral } from '../../graph/types';
import { float16ToFloat32 } from './float16';
import type { ModelJson, WeightEntry } from './model-json';

/** A weight the import cannot turn into a Tensorloom tensor (a string table), and why. */
export interface RefusedWeight {
  readonly name: string;
  readonly reason: string;
}

export interface DecodedWeights {
  readonly tensors: ReadonlyMap<string, TensorLiteral>;
  readonly refused: readonly RefusedWeight[];
}

/** What is wrong with the weight files as a whole: one missing, or of the wrong size. */
export class WeightFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightFilesError';
  }
}

const QUANTIZED_BYTES = { uint8: 1, uint16: 2, float16: 2 } as const;
/** Bytes per value of the dtypes tfjs writes (strings apart), by the manifest's name for them. */
const BYTES: ReadonlyMap<string, number> = new Map([
  ['float32', 4],
  ['int32', 4],
  ['bool', 1],
  ['complex64', 8],
]);

/**
 * The manifest's weights from the shard files' bytes, as tfjs's decodeWeights reads them: each
 * group's shards end to end, weights in order; uint8 and uint16 values dequantized as
 * `value * scale + min` (rounded for int32), float16 widened.
 */
export function decodeWeights(
  manifest: ModelJson['weightsManifest'],
  shard: (path: string) => Uint8Array | undefined,
): DecodedWeights {
  const missing = manifest.flatMap((group) => group.paths.filter((path) => !shard(path)));
  if (missing.length)
    throw new WeightFilesError(
      `the model's weights are in ${plural(missing.length, 'file')} not given: ${missing.join(', ')} (give them with model.json)`,
    );
  const tensors = new Map<string, TensorLiteral>();
  const refused: RefusedWeight[] = [];
  for (const group of manifest) {
    const bytes = joined(group.paths.map((path) => shard(path)!));
    let offset = 0;
    for (const entry of group.weights) {
      const count = elementCount(entry.shape);
      const width = byteLength(entry, bytes, offset, count);
      if (Number.isNaN(width))
        throw new WeightFilesError(`weight ${entry.name} has dtype ${entry.dtype}, which tfjs does not write`);
      if (offset + width > bytes.length) throw sizeMismatch(group.paths, bytes.length, totalBytes(group.weights));
      const decoded = decodeWeight(entry, bytes.subarray(offset, offset + width), count);
      if (typeof decoded === 'string') refused.push({ name: entry.name, reason: decoded });
      else tensors.set(entry.name, decoded);
      offset += width;
    }
    if (offset !== bytes.length) throw sizeMismatch(group.paths, bytes.length, offset);
  }
  return { tensors, refused };
}

function decodeWeight(entry: WeightEntry, bytes: Uint8Array, count: number): TensorLiteral | string {
  const dtype = entry.dtype as DType;
  if (!DTYPES.includes(dtype)) return `its dtype ${entry.dtype} is not one Tensorloom computes in`;
  const shape = entry.shape;
  const { quantization } = entry;
  if (!quantization) {
    const copy = bytes.slice().buffer;
    const values =
      dtype === 'float32' ? new Float32Array(copy) : dtype === 'int32' ? new Int32Array(copy) : new Uint8Array(copy);
    return { dtype, shape, values };
  }
  const copy = bytes.slice().buffer;
  if (quantization.dtype === 'float16') {
    if (dtype !== 'float32') return `float16 quantization applies to float32 weights, not ${dtype}`;
    return { dtype, shape, values: float16ToFloat32(new Uint16Array(copy, 0, count)) };
  }
  if (quantization.scale === undefined || quantization.min === undefined)
    return `its ${quantization.dtype} quantization has no scale and min`;
  if (dtype === 'bool') return `${quantization.dtype} quantization applies to float32 and int32 weights, not bool`;
  const { scale, min } = quantization;
  const quantized = quantization.dtype === 'uint8' ? new Uint8Array(copy) : new Uint16Array(copy, 0, count);
  const values = dtype === 'float32' ? new Float32Array(count) : new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const v = quantized[i]! * scale + min;
    values[i] = dtype === 'int32' ? Math.round(v) : v;
  }
  return { dtype, shape, values };
}

function sizeMismatch(paths: readonly string[], got: number, expected: number): WeightFilesError {
  const files = paths.join(' + ');
  const size = Number.isNaN(expected) ? 'more' : String(expected);
  return new WeightFilesError(
    got < expected || Number.isNaN(expected)
      ? `${files}: ${got} bytes, but model.json's weights take ${size}; the file is cut short, or not the one model.json was written with`
      : `${files}: ${got} bytes, but model.json's weights take ${size}; the file is not the one model.json was written with`,
  );
}

/** NaN when a string weight's size depends on its contents. */
function totalBytes(entries: readonly WeightEntry[]): number {
  return entries.reduce((sum, entry) => sum + fixedByteLength(entry), 0);
}

/** Bytes the weight takes; strings are read as tfjs writes them, each a 4-byte length then its bytes. */
function byteLength(entry: WeightEntry, bytes: Uint8Array, offset: number, count: number): number {
  if (entry.dtype !== 'string') return fixedByteLength(entry);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = offset;
  for (let i = 0; i < count && end + 4 <= bytes.length; i++) end += 4 + view.getUint32(end, true);
  return end - offset;
}

/** NaN for string weights, whose length depends on their contents. */
function fixedByteLength(entry: WeightEntry): number {
  const count = elementCount(entry.shape);
  if (entry.quantization) return count * QUANTIZED_BYTES[entry.quantization.dtype];
  const width = BYTES.get(entry.dtype);
  return width === undefined ? NaN : count * width;
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n === 1 ? 'a' : n} ${word}${n === 1 ? '' : 's'}`;
}
