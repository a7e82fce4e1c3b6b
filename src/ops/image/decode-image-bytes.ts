import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape } from '../../graph/shape';
import type { TfMapping } from '../../graph/tf-mapping';
import type { DType, TensorType } from '../../graph/types';
import type { Tensor, TF } from '../define-op';
import { overBudget } from '../over-budget';
import { bmpHeader, decodeBmpPixels } from './decode-bmp-pixels';
import { decodeJpegPixels, jpegFrame, jpegOutputSize, type JpegOptions } from './decode-jpeg-pixels';
import { decodePngPixels, pngChannels } from './decode-png-pixels';
import { DecodeError, type DecodedPixels } from './decoded-pixels';
import { pngHeader } from './read-png';

export type DecodeOpName = 'DecodePng' | 'DecodeJpeg' | 'DecodeImage';

/** TensorFlow's output dtypes; tfjs has no uint8 or uint16, so their values come as int32. */
export type ImageDtype = 'uint8' | 'uint16' | 'float32';

export const contentsInput = {
  dtypes: ['int32'],
  doc: "the file's bytes, 0–255, as FileBytes gives them (TensorFlow takes a string scalar: Tensorloom has no strings)",
} as const satisfies { dtypes: readonly DType[]; doc: string };

/** TensorFlow's `dtype` is a type attribute, which the rule would read as a type parameter and skip. */
const TF_TYPES: Readonly<Record<ImageDtype, string>> = { uint8: 'DT_UINT8', uint16: 'DT_UINT16', float32: 'DT_FLOAT' };

export function dtypeAttr(options: readonly ImageDtype[]) {
  return attr.enumOf<ImageDtype>('uint8', options, {
    doc:
      'uint8 0–255 or uint16 0–65535 (as int32 values: tfjs has neither)' +
      (options.includes('float32') ? ', or float32 in [0, 1]' : ''),
  });
}

export function dtypeMapping(options: readonly ImageDtype[]): TfMapping {
  return {
    importAttrs: ({ dtype }): Readonly<Record<string, ImageDtype>> | string => {
      if (!dtype) return {};
      const read = options.find((o) => TF_TYPES[o] === dtype.type);
      return read ? { dtype: read } : `dtype ${dtype.type ?? '(none)'} is not one of ${options.join(', ')}`;
    },
    exportAttrs: ({ dtype }) => ({ dtype: { type: TF_TYPES[dtype as ImageDtype] } }),
  };
}

export const channelsAttr = attr.int(0, { min: 0, max: 4, doc: '0: as the file has them; 1 gray, 3 RGB, 4 RGBA' });

/** How TensorFlow's DecodePng and DecodeImage decode a JPEG: its defaults (the IDCT aside). */
export const DEFAULT_JPEG: JpegOptions = { ratio: 1, fancyUpscaling: true };

/** A written module imports only @tensorflow/tfjs, and a helper's source cannot carry PNG and JPEG decoders. */
export const IMAGE_DECODING_UNWRITABLE = {
  unwritable: 'decoding an image needs a PNG and a JPEG decoder, and the module imports only @tensorflow/tfjs',
} as const;

/** The output: [height, width, channels], its size known only from the file. */
export function decodedType(contents: TensorType, channels: number, dtype: ImageDtype): { image: TensorType } {
  if (contents.shape !== null && contents.shape.length !== 1)
    throw new InferError('shape', `contents must be a vector of bytes, got ${formatShape(contents.shape)}`, {
      port: 'contents',
    });
  if (![0, 1, 3, 4].includes(channels))
    throw new InferError('attr', `\`channels\` must be 0, 1, 3 or 4 but got ${channels}`, { attr: 'channels' });
  return { image: { dtype: dtype === 'float32' ? 'float32' : 'int32', shape: [null, null, channels || null] } };
}

export interface DecodeRequest {
  readonly op: DecodeOpName;
  readonly channels: number;
  readonly dtype: ImageDtype;
  readonly jpeg: JpegOptions;
  /** The run's budget for one output, checked against the size the headers give before decoding. */
  readonly maxBytes?: number;
}

/** The image in `contents`, sniffed by its first bytes as TensorFlow does (every decode op reads PNG and JPEG alike). */
export async function decodeImageTensor(tf: TF, contents: Tensor, request: DecodeRequest): Promise<Tensor> {
  const { shape, dtype, values } = await decodeImage(byteValues(await contents.data(), request.op), request);
  return tf.tensor(values, shape, dtype);
}

function byteValues(values: ArrayLike<number>, op: DecodeOpName): Uint8Array {
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v <= 255))
      throw new Error(`${op}: contents must hold a file's bytes (0–255), got ${v} at index ${i}`);
    bytes[i] = v;
  }
  return bytes;
}

type Format = 'JPEG' | 'PNG' | 'GIF' | 'BMP' | 'WebP' | 'JPEG XL';

/** TensorFlow's ClassifyFileFormat, by magic bytes in its order. */
function formatOf(bytes: Uint8Array): Format | null {
  const startsWith = (magic: readonly number[], at = 0) => magic.every((b, k) => bytes[at + k] === b);
  if (startsWith([0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  if (startsWith([0x47, 0x49, 0x46, 0x38])) return 'GIF';
  if (startsWith([0x42, 0x4d])) return 'BMP';
  if (bytes.length > 12 && startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8))
    return 'WebP';
  if (startsWith([0xff, 0x0a]) || startsWith([0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return 'JPEG XL';
  return null;
}

/** TensorFlow refuses images of 2²⁹ values or more (pixels, for a PNG), whatever memory there is. */
const TF_MAX_VALUES = 2 ** 29;

interface DecodedImage {
  readonly shape: [number, number, number];
  readonly dtype: 'int32' | 'float32';
  readonly values: Int32Array | Float32Array;
}

async function decodeImage(bytes: Uint8Array, request: DecodeRequest): Promise<DecodedImage> {
  try {
    return await decodeFormat(bytes, request);
  } catch (e) {
    if (e instanceof DecodeError) throw new Error(`${request.op}: ${e.message}`, { cause: e });
    throw e;
  }
}

async function decodeFormat(bytes: Uint8Array, request: DecodeRequest): Promise<DecodedImage> {
  const { op, dtype } = request;
  if (bytes.length === 0) throw new DecodeError('Input is empty.');
  const format = formatOf(bytes);
  switch (format) {
    case 'JPEG': {
      if (request.channels === 4) throw new DecodeError('JPEG does not support 4 channels');
      const frame = jpegFrame(bytes);
      const { width, height } = jpegOutputSize(frame, request.jpeg.ratio);
      if (width * height * frame.components.length >= TF_MAX_VALUES)
        throw new DecodeError(`the JPEG is too large: ${width} by ${height}`);
      const channels = request.channels || Math.min(frame.components.length, 3);
      refuseOverBudget(request, [height, width, channels]);
      return fromBytes(decodeJpegPixels(bytes, frame, channels, request.jpeg), dtype);
    }
    case 'PNG': {
      const header = pngHeader(bytes);
      const { width, height } = header;
      if (width * height >= TF_MAX_VALUES) throw new DecodeError(`PNG size too large for int: ${width} by ${height}`);
      const channels = pngChannels(header, request.channels);
      refuseOverBudget(request, [height, width, channels]);
      // TensorFlow decodes a PNG to float32 through 16 bits.
      const pixels = await decodePngPixels(bytes, header, channels, dtype === 'uint8' ? 8 : 16);
      return dtype === 'float32' ? scaled(pixels, Math.fround(1 / 65535)) : asInt32(pixels, 1);
    }
    case 'BMP': {
      if (op !== 'DecodeImage')
        throw new DecodeError(
          `Trying to decode BMP format using a wrong op. Use \`decode_bmp\` or \`decode_image\` instead. Op used: ${op}`,
        );
      const header = bmpHeader(bytes, request.channels);
      refuseOverBudget(request, [Math.abs(header.height), header.width, request.channels || header.stored]);
      return fromBytes(decodeBmpPixels(bytes, header, request.channels), dtype);
    }
    case null:
      throw new DecodeError(
        'Unknown image file format. One of JPEG, PNG, BMP required (TensorFlow also reads GIF, WebP and JPEG XL)',
      );
    default:
      throw new DecodeError(`${format} images are not decoded in Tensorloom: one of JPEG, PNG, BMP required`);
  }
}

function refuseOverBudget(request: DecodeRequest, shape: [number, number, number]): void {
  if (request.maxBytes === undefined) return;
  const dtype = request.dtype === 'float32' ? 'float32' : 'int32';
  const problem = overBudget(request.op, null, { dtype, shape }, request.maxBytes);
  // Not a DecodeError: the budget's message names the op already.
  if (problem) throw new Error(problem);
}

/** 8-bit pixels (JPEG, BMP) in the dtype asked for, as TensorFlow converts them: uint16 ×256, float32 ×(1/255). */
function fromBytes(pixels: DecodedPixels, dtype: ImageDtype): DecodedImage {
  if (dtype === 'float32') return scaled(pixels, Math.fround(1 / 255));
  return asInt32(pixels, dtype === 'uint16' ? 256 : 1);
}

function asInt32({ height, width, channels, values }: DecodedPixels, factor: number): DecodedImage {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! * factor;
  return { shape: [height, width, channels], dtype: 'int32', values: out };
}

/** Each value times a float32 scale, rounded to float32 as TensorFlow's float multiply rounds it. */
function scaled({ height, width, channels, values }: DecodedPixels, scale: number): DecodedImage {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! * scale;
  return { shape: [height, width, channels], dtype: 'float32', values: out };
}
