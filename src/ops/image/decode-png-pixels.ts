import { DecodeError, type DecodedPixels } from './decoded-pixels';
import { readPng, type PngChunks, type PngHeader } from './read-png';

const enum ColorType {
  Gray = 0,
  Rgb = 2,
  Palette = 3,
  GrayAlpha = 4,
}

/** TensorFlow's `channels` = 0: as the file stores them, a palette as RGB, or RGBA when it has transparency. */
export function pngChannels(header: PngHeader, channels: number): number {
  if (channels !== 0) return channels;
  if (header.colorType === ColorType.Palette) return header.hasTransparency ? 4 : 3;
  return storedChannels(header.colorType);
}

function storedChannels(colorType: number): number {
  return colorType === ColorType.Gray ? 1 : colorType === ColorType.GrayAlpha ? 2 : colorType === ColorType.Rgb ? 3 : 4;
}

/**
 * libpng's weights for RGB → gray as TensorFlow sets them (0.299, 0.587 of BT.601), in 15-bit fixed
 * point truncated as png_set_rgb_to_gray_fixed truncates them; blue takes the rest.
 */
const RED_WEIGHT = 9797;
const GREEN_WEIGHT = 19234;
const BLUE_WEIGHT = 32768 - RED_WEIGHT - GREEN_WEIGHT;

/** The file's samples as libpng expands them: indices through the palette, gray below 8 bits scaled to 8. */
interface Samples {
  readonly values: Uint8Array | Uint16Array;
  /** Per pixel: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA. */
  readonly channels: number;
  /** 0 where a pixel is transparent by tRNS, the full value elsewhere; null without tRNS, or when no alpha is wanted. */
  readonly transparency: Uint8Array | Uint16Array | null;
}

/**
 * The image at `bits` (8 or 16) per value with `channels` (1, 2, 3 or 4) per pixel, as TensorFlow's
 * libpng settings give it: gray replicated to RGB; RGB to gray by libpng's weights (truncated at
 * 8 bits, rounded at 16); alpha dropped, or taken from tRNS, or added as libpng's filler
 * (2^bit depth − 1, so 15 for a 4-bit palette); 16 bits cut to 8 by their high byte, 8 made 16 by ×257.
 */
export async function decodePngPixels(
  bytes: Uint8Array,
  header: PngChunks,
  channels: number,
  bits: 8 | 16,
): Promise<DecodedPixels> {
  const { width, height, bitDepth } = header;
  const wantAlpha = channels % 2 === 0;
  const { values, channels: stored, transparency } = expand(await readPng(bytes, header), header, wantAlpha);
  const sourceBits = bitDepth === 16 ? 16 : 8;
  const outBits = sourceBits === 16 && bits === 16 ? 16 : 8;
  // libpng adds alpha after cutting 16 bits to 8, keeping the filler's low bits.
  const filler = ((1 << bitDepth) - 1) & (outBits === 16 ? 0xffff : 0xff);
  const cut = sourceBits === 16 && outBits === 8 ? 8 : 0;
  const widen = bits === 16 && outBits === 8 ? 257 : 1;
  const out = bits === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
  const storedColor = stored >= 3;
  const storedAlpha = stored % 2 === 0;
  const toGray = grayConversion(sourceBits, header.colorType === ColorType.Palette ? null : header.gamma);
  for (let p = 0, o = 0; p < width * height; p++) {
    const at = p * stored;
    if (channels >= 3) {
      for (let k = 0; k < 3; k++) out[o++] = (values[at + (storedColor ? k : 0)]! >> cut) * widen;
    } else {
      const gray = storedColor ? toGray(values[at]!, values[at + 1]!, values[at + 2]!) : values[at]!;
      out[o++] = (gray >> cut) * widen;
    }
    if (!wantAlpha) continue;
    const alpha = storedAlpha ? values[at + stored - 1]! >> cut : transparency ? transparency[p]! >> cut : filler;
    out[o++] = alpha * widen;
  }
  return { height, width, channels, values: out };
}

/**
 * libpng's png_do_rgb_to_gray: truncated at 8 bits, rounded at 16; an already gray pixel kept as
 * it is. Where an 8-bit RGB file states a gamma (gAMA, sRGB) libpng weighs linear light, through
 * its gamma tables (not for a palette's colors, TensorFlow shows); Tensorloom does not build the
 * 16-bit ones, and weighs a 16-bit file's stored values.
 */
function grayConversion(bits: number, gamma: number | null): (red: number, green: number, blue: number) => number {
  const weighted = (red: number, green: number, blue: number) =>
    RED_WEIGHT * red + GREEN_WEIGHT * green + BLUE_WEIGHT * blue;
  const tables = bits === 8 ? gammaTables(gamma) : null;
  return (red, green, blue) => {
    if (red === green && red === blue) return red;
    if (tables) {
      const { toLinear, fromLinear } = tables;
      return fromLinear[(weighted(toLinear[red]!, toLinear[green]!, toLinear[blue]!) + 16384) >>> 15]!;
    }
    return bits === 16 ? (weighted(red, green, blue) + 16384) >>> 15 : weighted(red, green, blue) >>> 15;
  };
}

/** libpng's fixed-point gamma (units of 10⁻⁵) is significant off 1 ± 5%; its reciprocal rounds 10¹⁰ / g. */
const significant = (gamma: number) => gamma < 95_000 || gamma > 105_000;
const reciprocal = (gamma: number) => Math.floor(1e10 / gamma + 0.5);

/**
 * libpng's tables to linear light and back for a file of that gamma, the screen's gamma taken as
 * its reciprocal (png_init_read_transformations, png_build_8bit_table); null when libpng builds none.
 */
function gammaTables(gamma: number | null): { toLinear: Uint8Array; fromLinear: Uint8Array } | null {
  if (gamma === null) return null;
  const screen = reciprocal(gamma);
  if (!significant(gamma) && !significant(screen)) return null;
  return { toLinear: gammaTable(reciprocal(gamma)), fromLinear: gammaTable(reciprocal(screen)) };
}

/** png_gamma_8bit_correct for every value, in floating point as TensorFlow's libpng builds it. */
function gammaTable(gamma: number): Uint8Array {
  return Uint8Array.from({ length: 256 }, (_, v) =>
    !significant(gamma) || v === 0 || v === 255 ? v : Math.floor(255 * Math.pow(v / 255, gamma * 1e-5) + 0.5),
  );
}

/** The samples as libpng expands them for TensorFlow: palette indices looked up, low-depth gray scaled to 8 bits. */
function expand(png: Awaited<ReturnType<typeof readPng>>, header: PngHeader, wantAlpha: boolean): Samples {
  const { width, height, bitDepth, colorType } = header;
  const { samples, palette, transparency } = png;
  const pixels = width * height;
  if (colorType === ColorType.Palette) {
    const colors = palette!.length / 3;
    const values = new Uint8Array(pixels * 3);
    const alpha = wantAlpha && transparency ? new Uint8Array(pixels) : null;
    for (let p = 0; p < pixels; p++) {
      const index = samples[p]!;
      if (index >= colors) throw new DecodeError(`Invalid PNG data: palette index ${index} past its ${colors} colors`);
      values.set(palette!.subarray(3 * index, 3 * index + 3), 3 * p);
      if (alpha) alpha[p] = transparency![index] ?? 255;
    }
    return { values, channels: 3, transparency: alpha };
  }
  const channels = storedChannels(colorType);
  const values = bitDepth < 8 ? samples.map((v) => (v * 255) / ((1 << bitDepth) - 1)) : samples;
  const keyed = wantAlpha && transparency && channels % 2 === 1;
  return { values, channels, transparency: keyed ? keyAlpha(values, channels, transparency, header) : null };
}

/**
 * Alpha from tRNS's one transparent color: 0 where a pixel has it, full elsewhere. libpng compares
 * at the depth it expanded to, the key scaled (below 8 bits) or cut to 8 bits as the samples are.
 */
function keyAlpha(
  values: ArrayLike<number>,
  channels: number,
  chunk: Uint8Array,
  { width, height, bitDepth }: PngHeader,
): Uint8Array | Uint16Array {
  const full = bitDepth === 16 ? 0xffff : 0xff;
  const key = Array.from({ length: channels }, (_, k) => {
    const stored = (chunk[2 * k]! << 8) | chunk[2 * k + 1]!;
    return bitDepth < 8 ? ((stored & ((1 << bitDepth) - 1)) * 255) / ((1 << bitDepth) - 1) : stored & full;
  });
  const alpha = bitDepth === 16 ? new Uint16Array(width * height) : new Uint8Array(width * height);
  for (let p = 0; p < alpha.length; p++) {
    let transparent = true;
    for (let k = 0; k < channels; k++) transparent &&= values[p * channels + k] === key[k];
    alpha[p] = transparent ? 0 : full;
  }
  return alpha;
}
