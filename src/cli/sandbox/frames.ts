import { deserialize, serialize } from 'node:v8';

const HEADER_BYTES = 4;

/**
 * One message as a frame of the byte stream between the runner and its script process: its
 * length (4 bytes, big-endian), then the value as `v8.serialize` writes it, so that typed arrays
 * and -0 arrive as they left.
 */
export function encodeFrame(value: unknown): Buffer {
  const body = serialize(value);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

/** Reassembles frames from the chunks a stream delivers, however it splits them. */
export class FrameReader {
  private buffered = Buffer.alloc(0);

  /** @param maxFrameBytes a frame longer than this is an error, not something to wait for. */
  constructor(private readonly maxFrameBytes: number) {}

  /** The values of the frames that `chunk` completes, in order. */
  push(chunk: Uint8Array): unknown[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : Buffer.from(chunk);
    const values: unknown[] = [];
    while (this.buffered.length >= HEADER_BYTES) {
      const length = this.buffered.readUInt32BE(0);
      if (length > this.maxFrameBytes)
        throw new Error(`a message of ${length} bytes, more than the ${this.maxFrameBytes} allowed`);
      if (this.buffered.length < HEADER_BYTES + length) break;
      values.push(deserialize(this.buffered.subarray(HEADER_BYTES, HEADER_BYTES + length)));
      this.buffered = this.buffered.subarray(HEADER_BYTES + length);
    }
    return values;
  }
}
