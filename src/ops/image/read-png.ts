import { DecodeError } from './decoded-pixels';

/** What IHDR says, and whether a (valid) tRNS chunk gives transparency. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly hasTransparency: boolean;
}

/** A PNG's chunks as libpng reads them, before the image data is inflated. */
export interface PngChunks extends PngHeader {
  readonly interlaced: boolean;
  readonly palette: Uint8Array | null;
  /** tRNS as stored: alpha per palette entry, or the transparent gray or RGB, 16 bits a sample. */
  readonly transparency: Uint8Array | null;
  readonly data: readonly Uint8Array[];
  /** The gamma the file states before its image data, in units of 10⁻⁵ (gAMA; sRGB is 45455); null for none. */
  readonly gamma: number | null;
}

const SRGB_GAMMA = 45455;

/** The bit depths PNG allows per color type. */
const DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const PALETTE = 3;

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Every chunk up to IEND, checked as libpng checks them: a critical chunk whose CRC fails, an
 * unknown critical chunk or a file that ends before IEND is an error; an ancillary chunk whose CRC
 * fails is skipped. No pixel is decoded yet, so the run's budget can meet the size first.
 */
export function pngHeader(bytes: Uint8Array): PngChunks {
  const invalid = (why: string) => new DecodeError(`Invalid PNG data, size ${bytes.length}: ${why}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: Omit<PngChunks, 'hasTransparency' | 'palette' | 'transparency' | 'data' | 'gamma'> | null = null;
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  let gamma: number | null = null;
  let srgb = false;
  const data: Uint8Array[] = [];
  for (let at = 8; ;) {
    if (at + 12 > bytes.length) throw invalid('it is cut short');
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 8 + length;
    if (end + 4 > bytes.length) throw invalid('it is cut short');
    const body = bytes.subarray(at + 8, end);
    const critical = type.charCodeAt(0) < 0x61;
    at = end + 4;
    if (crc32(bytes.subarray(end - length - 4, end)) !== view.getUint32(end)) {
      if (critical) throw invalid(`the ${type} chunk fails its CRC`);
      continue;
    }
    if (!header && type !== 'IHDR') throw invalid('it does not start with an IHDR chunk');
    if (type === 'IHDR') header = imageHeader(body, invalid);
    else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'sRGB' && data.length === 0) [gamma, srgb] = [SRGB_GAMMA, true];
    // libpng keeps sRGB's gamma over gAMA's, and ignores a gamma out of its range.
    else if (type === 'gAMA' && data.length === 0 && !srgb && length === 4) {
      const stated = view.getUint32(end - length);
      if (stated >= 16 && stated <= 625_000_000) gamma = stated;
    } else if (type === 'IEND') break;
    else if (critical) throw invalid(`unknown critical chunk ${type}`);
  }
  const { colorType } = header!;
  if (colorType === PALETTE && !palette) throw invalid('a palette image without PLTE');
  if (data.length === 0) throw invalid('no image data');
  // libpng ignores a tRNS chunk of the wrong size, and one on an image with alpha already.
  const size = transparency?.length ?? 0;
  const valid =
    colorType === PALETTE
      ? size > 0 && size <= palette!.length / 3
      : size === (colorType === 0 ? 2 : colorType === 2 ? 6 : -1);
  return { ...header!, hasTransparency: valid, palette, transparency: valid ? transparency : null, data, gamma };
}

function imageHeader(body: Uint8Array, invalid: (why: string) => DecodeError) {
  if (body.length !== 13) throw invalid('its IHDR chunk is not 13 bytes');
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const [bitDepth, colorType, compression, filter, interlace] = body.subarray(8);
  if (!DEPTHS[colorType!]?.includes(bitDepth!))
    throw invalid(`bit depth ${bitDepth} is not one color type ${colorType} has`);
  if (compression !== 0 || filter !== 0 || interlace! > 1)
    throw invalid('unknown compression, filter or interlace method');
  const [width, height] = [view.getUint32(0), view.getUint32(4)];
  // libpng refuses an empty image, and by default one over a million pixels a side.
  if (width === 0 || height === 0 || width > 1_000_000 || height > 1_000_000)
    throw invalid(`its size, ${width} × ${height}, is outside libpng's limits`);
  return {
    width,
    height,
    bitDepth: bitDepth!,
    colorType: colorType!,
    interlaced: interlace === 1,
  };
}

/** Adam7's passes: where each starts and how far apart its pixels are, across and down. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * The image's samples, row-major, one a value as stored: palette indices, and gray below 8 bits,
 * not yet expanded. The data inflates by the platform's DecompressionStream (browsers and Node).
 */
export async function readPng(bytes: Uint8Array, png: PngChunks) {
  const { width, height, bitDepth, colorType, interlaced, palette, transparency } = png;
  const channels = colorType === 0 || colorType === PALETTE ? 1 : colorType === 4 ? 2 : colorType === 2 ? 3 : 4;
  const inflated = await inflate(png.data, bytes.length);
  const samples =
    bitDepth === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
  let offset = 0;
  for (const [x0, y0, dx, dy] of interlaced ? ADAM7 : [[0, 0, 1, 1] as const]) {
    const passWidth = Math.ceil((width - x0) / dx);
    const passHeight = Math.ceil((height - y0) / dy);
    if (passWidth <= 0 || passHeight <= 0) continue;
    const rowBytes = Math.ceil((passWidth * channels * bitDepth) / 8);
    const rows = unfiltered(
      inflated,
      offset,
      rowBytes,
      passHeight,
      Math.max(1, (channels * bitDepth) / 8),
      bytes.length,
    );
    offset += passHeight * (rowBytes + 1);
    for (let y = 0; y < passHeight; y++)
      for (let x = 0; x < passWidth; x++)
        for (let k = 0; k < channels; k++) {
          const index = x * channels + k;
          const at = (y0 + y * dy) * width + x0 + x * dx;
          samples[at * channels + k] = sample(rows, y * rowBytes, index, bitDepth);
        }
  }
  return { samples, palette, transparency };
}

async function inflate(chunks: readonly Uint8Array[], size: number): Promise<Uint8Array> {
  try {
    const stream = new Blob(chunks.map((c) => c.slice())).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new DecodeError(`Invalid PNG data, size ${size}: its image data does not inflate (${(e as Error).message})`);
  }
}

/** The rows of one pass without their filters (None, Sub, Up, Average, Paeth), filter bytes dropped. */
function unfiltered(
  inflated: Uint8Array,
  offset: number,
  rowBytes: number,
  rowCount: number,
  pixelBytes: number,
  size: number,
): Uint8Array {
  if (offset + rowCount * (rowBytes + 1) > inflated.length)
    throw new DecodeError(`Invalid PNG data, size ${size}: not enough image data`);
  const rows = new Uint8Array(rowCount * rowBytes);
  for (let y = 0; y < rowCount; y++) {
    const filter = inflated[offset + y * (rowBytes + 1)]!;
    const line = inflated.subarray(offset + y * (rowBytes + 1) + 1, offset + (y + 1) * (rowBytes + 1));
    const row = y * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= pixelBytes ? rows[row + i - pixelBytes]! : 0;
      const up = y > 0 ? rows[row - rowBytes + i]! : 0;
      const upLeft = y > 0 && i >= pixelBytes ? rows[row - rowBytes + i - pixelBytes]! : 0;
      rows[row + i] = line[i]! + predictor(filter, left, up, upLeft, size);
    }
  }
  return rows;
}

function predictor(filter: number, left: number, up: number, upLeft: number, size: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      // Whichever of left, up and upper left is nearest left + up − upper left.
      const [toLeft, toUp, toUpLeft] = [
        Math.abs(up - upLeft),
        Math.abs(left - upLeft),
        Math.abs(left + up - 2 * upLeft),
      ];
      return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
    default:
      throw new DecodeError(`Invalid PNG data, size ${size}: bad adaptive filter value ${filter}`);
  }
}

/** Sample `index` of a row: 16 bits big-endian, 8 bits a byte, fewer packed from the high bit. */
function sample(rows: Uint8Array, row: number, index: number, bitDepth: number): number {
  if (bitDepth === 16) return (rows[row + 2 * index]! << 8) | rows[row + 2 * index + 1]!;
  if (bitDepth === 8) return rows[row + index]!;
  const bit = index * bitDepth;
  return (rows[row + (bit >> 3)]! >> (8 - bitDepth - (bit & 7))) & ((1 << bitDepth) - 1);
}
