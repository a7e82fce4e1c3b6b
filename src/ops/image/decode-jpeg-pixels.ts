import jpeg from 'jpeg-js';
import { DecodeError, type DecodedPixels } from './decoded-pixels';

interface Component {
  readonly h: number;
  readonly v: number;
}

/** What the frame header and the markers before the first scan say about the image. */
export interface JpegFrame {
  readonly width: number;
  readonly height: number;
  readonly components: readonly Component[];
  /** Three components hold RGB rather than YCbCr: libjpeg's reading of the Adobe marker or the component ids. */
  readonly rgb: boolean;
  /** Where the Adobe marker's color transform flag is, or -1: jpeg-js would convert colors itself were it set. */
  readonly adobeTransformAt: number;
}

const SOF_BASELINE = 0xc0;
const SOF_PROGRESSIVE = 0xc2;
const SOS = 0xda;
const EOI = 0xd9;
/** Markers with no length after them: TEM, RSTn, SOI. */
const STANDALONE = new Set([0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8]);
const ASCII_RGB = [0x52, 0x47, 0x42];

/** The markers up to the first scan, read as libjpeg reads them (jdmarker.c, and jdapimin.c for the color space). */
export function jpegFrame(bytes: Uint8Array): JpegFrame {
  const truncated = () => new DecodeError(`Invalid JPEG data, size ${bytes.length}: it ends inside its header`);
  const u16 = (at: number) => (bytes[at]! << 8) | bytes[at + 1]!;
  let frame: Omit<JpegFrame, 'rgb' | 'adobeTransformAt'> | null = null;
  let ids: number[] = [];
  let jfif = false;
  let adobeTransformAt = -1;
  for (let at = 2; ;) {
    // libjpeg skips stray bytes and fill bytes before a marker.
    while (at < bytes.length && bytes[at] !== 0xff) at++;
    while (at < bytes.length && bytes[at] === 0xff) at++;
    if (at + 2 >= bytes.length) throw truncated();
    const marker = bytes[at++]!;
    if (STANDALONE.has(marker)) continue;
    if (marker === EOI) throw new DecodeError(`Invalid JPEG data, size ${bytes.length}: it has no image`);
    const end = at + u16(at);
    if (end > bytes.length) throw truncated();
    const body = at + 2;
    if (marker >= SOF_BASELINE && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (marker > SOF_PROGRESSIVE)
        throw new DecodeError('lossless, hierarchical and arithmetic-coded JPEGs are not supported');
      if (bytes[body] !== 8) throw new DecodeError(`JPEG samples of ${bytes[body]} bits are not supported, only 8`);
      const count = bytes[body + 5]!;
      ids = [];
      const components: Component[] = [];
      for (let k = 0; k < count; k++) {
        const c = body + 6 + 3 * k;
        ids.push(bytes[c]!);
        components.push({ h: bytes[c + 1]! >> 4, v: bytes[c + 1]! & 15 });
      }
      frame = { height: u16(body + 1), width: u16(body + 3), components };
    } else if (marker === 0xe0 && text(bytes, body, 5) === 'JFIF\0') jfif = true;
    else if (marker === 0xee && text(bytes, body, 5) === 'Adobe' && end - body >= 12) adobeTransformAt = body + 11;
    else if (marker === SOS) {
      if (!frame) throw new DecodeError(`Invalid JPEG data, size ${bytes.length}: a scan before the frame header`);
      const adobeRgb = !jfif && adobeTransformAt >= 0 && bytes[adobeTransformAt] === 0;
      const idsRgb = !jfif && adobeTransformAt < 0 && ids.every((id, k) => id === ASCII_RGB[k]);
      return { ...frame, rgb: ids.length === 3 && (adobeRgb || idsRgb), adobeTransformAt };
    }
    at = end;
  }
}

function text(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/** One component's samples, row-major, at the size they have in the file (or after scaling). */
interface Plane {
  readonly width: number;
  readonly height: number;
  readonly values: Uint8Array;
}

export interface JpegOptions {
  /** Scale down by 1, 2, 4 or 8, as libjpeg's scale_denom. */
  readonly ratio: number;
  readonly fancyUpscaling: boolean;
}

/** libjpeg's output size for the frame: the image divided by the ratio, rounded up. */
export function jpegOutputSize(frame: JpegFrame, ratio: number): { width: number; height: number } {
  return { width: Math.ceil(frame.width / ratio), height: Math.ceil(frame.height / ratio) };
}

/**
 * The image with `channels` (1 or 3) as libjpeg-turbo gives it to TensorFlow: jpeg-js decodes the
 * components (its IDCT, close to libjpeg's ISLOW), then libjpeg's own steps follow —
 * scaling by `ratio` (each component by the IDCT size libjpeg picks for it, here by averaging
 * blocks of samples), chroma upsampling (replicated, or by libjpeg's triangle filter with its
 * rounding), and its fixed-point YCbCr → RGB. Gray output is the Y component as it is.
 */
export function decodeJpegPixels(
  bytes: Uint8Array,
  frame: JpegFrame,
  channels: number,
  { ratio, fancyUpscaling }: JpegOptions,
): DecodedPixels {
  const count = frame.components.length;
  if (count !== 1 && count !== 3)
    throw new DecodeError(`JPEGs of ${count} components (CMYK) are not supported, only gray and color`);
  const planes = componentPlanes(bytes, frame);
  const { width, height } = jpegOutputSize(frame, ratio);
  const maxH = Math.max(...frame.components.map((c) => c.h));
  const maxV = Math.max(...frame.components.map((c) => c.v));
  const minScaled = 8 / ratio;
  // Gray out of YCbCr is Y alone: libjpeg does not upsample the chroma it would not use.
  const needed = channels === 1 && !frame.rgb ? 1 : count;
  const full = frame.components.slice(0, needed).map(({ h, v }, k) => {
    const scaled = idctSize(h, v, maxH, maxV, minScaled);
    const plane = reduced(
      planes[k]!,
      8 / scaled,
      Math.ceil((frame.width * h * scaled) / (maxH * 8)),
      Math.ceil((frame.height * v * scaled) / (maxV * 8)),
    );
    const fancy = fancyUpscaling && minScaled > 1;
    return upsampled(plane, (maxH * minScaled) / (h * scaled), (maxV * minScaled) / (v * scaled), fancy, width, height);
  });
  const out = new Uint8Array(width * height * channels);
  for (let p = 0; p < width * height; p++) {
    if (count === 1) out.fill(full[0]![p]!, p * channels, (p + 1) * channels);
    else if (channels === 1) out[p] = frame.rgb ? rgbToGray(full[0]![p]!, full[1]![p]!, full[2]![p]!) : full[0]![p]!;
    else if (frame.rgb) for (let k = 0; k < 3; k++) out[3 * p + k] = full[k]![p]!;
    else yccToRgb(full[0]![p]!, full[1]![p]!, full[2]![p]!, out, 3 * p);
  }
  return { height, width, channels, values: out };
}

/**
 * Each component's samples before upsampling. jpeg-js, asked not to convert colors, gives every
 * component upsampled by replication, so every h-th column of every v-th row is a sample. Its
 * decoder would convert colors anyway where the Adobe marker says to: that flag is cleared first.
 */
function componentPlanes(bytes: Uint8Array, frame: JpegFrame): Plane[] {
  let data = bytes;
  if (frame.adobeTransformAt >= 0) {
    data = bytes.slice();
    data[frame.adobeTransformAt] = 0;
  }
  let decoded;
  try {
    decoded = jpeg.decode(data, {
      useTArray: true,
      formatAsRGBA: false,
      colorTransform: false,
      // The run's budget bounds the image before it is decoded.
      maxResolutionInMP: Infinity,
      maxMemoryUsageInMB: Infinity,
    });
  } catch (e) {
    throw new DecodeError(`Invalid or truncated JPEG data, size ${bytes.length}: ${(e as Error).message}`);
  }
  const { width, height, components } = frame;
  const maxH = Math.max(...components.map((c) => c.h));
  const maxV = Math.max(...components.map((c) => c.v));
  return components.map(({ h, v }, k) => {
    if (h < 1 || v < 1 || maxH % h || maxV % v)
      throw new DecodeError(`JPEG sampling factors ${h}×${v} of ${maxH}×${maxV} are not supported`);
    const plane = { width: Math.ceil((width * h) / maxH), height: Math.ceil((height * v) / maxV) };
    const values = new Uint8Array(plane.width * plane.height);
    const channel = components.length === 1 ? 0 : k;
    for (let y = 0; y < plane.height; y++)
      for (let x = 0; x < plane.width; x++)
        values[y * plane.width + x] = decoded.data[3 * ((y * maxV) / v) * width + 3 * ((x * maxH) / h) + channel]!;
    return { ...plane, values };
  });
}

/** The IDCT size libjpeg gives a component when scaling: chroma keeps more, so as to need less upsampling (jdmaster.c). */
function idctSize(h: number, v: number, maxH: number, maxV: number, minScaled: number): number {
  let size = minScaled;
  while (size < 8 && (maxH * minScaled) % (h * size * 2) === 0 && (maxV * minScaled) % (v * size * 2) === 0) size *= 2;
  return size;
}

/**
 * The plane scaled down by `factor` to width × height, each sample the rounded mean of its block:
 * libjpeg's reduced IDCTs keep a block's low frequencies, its mean exactly. Beyond the edge the
 * block takes the edge samples, as an encoder pads a block.
 */
function reduced(plane: Plane, factor: number, width: number, height: number): Plane {
  if (factor === 1) return plane;
  const values = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = Math.min(y * factor + dy, plane.height - 1) * plane.width;
        for (let dx = 0; dx < factor; dx++) sum += plane.values[row + Math.min(x * factor + dx, plane.width - 1)]!;
      }
      values[y * width + x] = Math.floor(sum / (factor * factor) + 0.5);
    }
  return { width, height, values };
}

/**
 * The plane upsampled by `across` × `down` to the output's width × height, as libjpeg-turbo's
 * jdsample.c picks: its triangle filters for 2×1, 2×2 (on planes wider than 2) and 1×2 when fancy,
 * else replication. Its edge cases repeat the edge sample, as clamping does here.
 */
function upsampled(
  plane: Plane,
  across: number,
  down: number,
  fancy: boolean,
  width: number,
  height: number,
): Uint8Array {
  const { values, width: w, height: h } = plane;
  const at = (x: number, y: number) => values[Math.min(Math.max(y, 0), h - 1) * w + Math.min(Math.max(x, 0), w - 1)]!;
  const triangleAcross = fancy && across === 2 && (down === 1 || down === 2) && w > 2;
  const triangleDown = fancy && down === 2 && (across === 1 || triangleAcross);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / down);
    // The nearer row, weighted 3, and the further one: above for an even output row, below for an odd one.
    const other = triangleDown ? row + (y % 2 ? 1 : -1) : row;
    for (let x = 0; x < width; x++) {
      const col = Math.floor(x / across);
      const side = x % 2 ? 1 : -1;
      let value: number;
      if (triangleAcross && triangleDown) {
        const sum = (c: number) => 3 * at(c, row) + at(c, other);
        value = (3 * sum(col) + sum(col + side) + (side > 0 ? 7 : 8)) >> 4;
      } else if (triangleAcross) value = (3 * at(col, row) + at(col + side, row) + (side > 0 ? 2 : 1)) >> 2;
      else if (triangleDown) value = (3 * at(col, row) + at(col, other) + (y % 2 ? 2 : 1)) >> 2;
      else value = at(col, row);
      out[y * width + x] = value;
    }
  }
  return out;
}

/** libjpeg's jdcolor.c tables, in 16-bit fixed point: FIX(x) rounds x · 2¹⁶. */
const FIX = (x: number) => Math.floor(x * 65536 + 0.5);
const HALF = 1 << 15;
const CR_TO_R = FIX(1.402);
const CB_TO_B = FIX(1.772);
const CR_TO_G = FIX(0.71414);
const CB_TO_G = FIX(0.34414);
const clamp = (v: number) => Math.min(Math.max(v, 0), 255);

function yccToRgb(y: number, cb: number, cr: number, out: Uint8Array, at: number): void {
  const [b, r] = [cb - 128, cr - 128];
  out[at] = clamp(y + ((CR_TO_R * r + HALF) >> 16));
  out[at + 1] = clamp(y + ((-CB_TO_G * b + HALF - CR_TO_G * r) >> 16));
  out[at + 2] = clamp(y + ((CB_TO_B * b + HALF) >> 16));
}

/** libjpeg-turbo's rgb_gray_convert, for the rare JPEG that stores RGB. */
function rgbToGray(r: number, g: number, b: number): number {
  return (FIX(0.299) * r + FIX(0.587) * g + FIX(0.114) * b + HALF) >> 16;
}
