/** An image as a decoder gives it: [height, width, channels] row-major. */
export interface DecodedPixels {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly values: Uint8Array | Uint16Array;
}

/** The bytes are not an image the decoder can read, or not as asked: the message says why, as TensorFlow's would. */
export class DecodeError extends Error {
  override name = 'DecodeError';
}
