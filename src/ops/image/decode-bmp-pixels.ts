import { DecodeError, type DecodedPixels } from './decoded-pixels';

/** What TensorFlow reads of a BMP's headers: the pixel data's offset, the size, and bits per pixel. */
export interface BmpHeader {
  readonly dataOffset: number;
  readonly width: number;
  /** Negative for rows stored top-down. */
  readonly height: number;
  /** Bytes per pixel: 1 gray, 3 BGR, 4 BGRA. */
  readonly stored: number;
}

const HEADER_BYTES = 32;

/** TensorFlow's checks, in its order and words (decode_image_op.cc); no compression is read. */
export function bmpHeader(bytes: Uint8Array, channels: number): BmpHeader {
  if (channels === 1) throw new DecodeError('`channels` must be 0, 3 or 4 for BMP, but got 1');
  if (bytes.length < HEADER_BYTES)
    throw new DecodeError(
      `Incomplete bmp content, requires at least ${HEADER_BYTES} bytes to find the header size, width, height, and bpp, got ${bytes.length} bytes`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = {
    dataOffset: view.getInt32(10, true),
    width: view.getInt32(18, true),
    height: view.getInt32(22, true),
    stored: Math.trunc(view.getInt16(28, true) / 8),
  };
  const { dataOffset, width, height, stored } = header;
  if (stored !== 1 && stored !== 3 && stored !== 4)
    throw new DecodeError(`Number of channels inherent in the image must be 1, 3 or 4, was ${stored}`);
  if (width <= 0) throw new DecodeError('Width must be positive');
  if (height === 0) throw new DecodeError('Height must be nonzero');
  if (dataOffset < 0) throw new DecodeError('header size must be nonnegative');
  if (width * Math.abs(height) >= Math.floor((2 ** 31 - 1) / 8))
    throw new DecodeError('Total possible pixel bytes must be less than 2^30');
  const difference = bytes.length - dataOffset - rowBytes(header) * Math.abs(height);
  if (difference !== 0)
    throw new DecodeError(
      `Input size should match (header_size + row_size * abs_height) but they differ by ${difference}`,
    );
  return header;
}

/** Rows are padded to whole 4-byte words. */
const rowBytes = ({ width, stored }: BmpHeader) => Math.floor((stored * width + 3) / 4) * 4;

/** TensorFlow's DecodeBMP: BGR(A) to RGB(A), gray replicated, alpha 255 where the file has none; bottom-up rows flipped. */
export function decodeBmpPixels(bytes: Uint8Array, header: BmpHeader, channels: number): DecodedPixels {
  const { dataOffset, width, stored } = header;
  const height = Math.abs(header.height);
  const out = channels || stored;
  const values = new Uint8Array(width * height * out);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (header.height < 0 ? y : height - 1 - y) * rowBytes(header);
    for (let x = 0; x < width; x++) {
      const src = row + x * stored;
      const dst = (y * width + x) * out;
      if (stored === 1) values.fill(bytes[src]!, dst, dst + Math.min(out, 3));
      else for (let k = 0; k < 3; k++) values[dst + k] = bytes[src + 2 - k]!;
      if (out === 4) values[dst + 3] = stored === 4 ? bytes[src + 3]! : 255;
    }
  }
  return { height, width, channels: out, values };
}
