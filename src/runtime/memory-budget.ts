/**
 * The largest tensor a run makes on the CPU and WASM backends unless told otherwise: 1 GiB. A
 * kernel holds its inputs and its output at once: tfjs-backend-wasm keeps every tensor in one heap
 * of at most 4 GiB, where three tensors of 1 GiB still fit, and on the CPU backend each tensor is a
 * typed array of its own in a browser tab, which is killed a few GiB further on.
 */
export const DEFAULT_MAX_BYTES = 2 ** 30;

/**
 * WebGPU: 256 MiB, the buffer size the WebGPU specification has every adapter allow (its default
 * maxBufferSize; tfjs asks for the adapter's own limits, which vary). GPU memory is the scarcer
 * kind, often shared with the whole system, and running out of it loses the device and every
 * tensor on it.
 */
const WEBGPU_MAX_BYTES = 2 ** 28;

/** The budget a backend gets when none is given: a fraction of what it can hold (see above). */
export function defaultMaxBytes(backend: string): number {
  return backend === 'webgpu' ? WEBGPU_MAX_BYTES : DEFAULT_MAX_BYTES;
}

/** A budget as given to a run: a positive number of bytes (Infinity: none but the element limit). */
export function checkMaxBytes(maxBytes: number): number {
  if (!(maxBytes > 0)) throw new RangeError(`maxBytes must be a positive number of bytes, got ${maxBytes}`);
  return maxBytes;
}
