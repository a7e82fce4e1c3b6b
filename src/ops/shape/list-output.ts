/**
 * The most ports a list may have: TensorFlow's ops split into far fewer, and a file asking for a
 * billion would have validation build a billion port names.
 */
export const MAX_LIST_PORTS = 65_536;

/** TensorFlow's list output `output` of `count` tensors, as ports output_0 … output_{count - 1}. */
export function listPorts(count: number): readonly string[] {
  return Array.from({ length: count }, (_, k) => `output_${k}`);
}

/** One value per list port, in order. */
export function listed<T>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(values.map((v, k) => [`output_${k}`, v]));
}
