/** A tensor's type as far as its size goes: its shape may still have unknown (null) dimensions. */
export interface SizedType {
  readonly dtype: string;
  readonly shape: readonly (number | null)[] | null;
}

/**
 * More elements than any budget lets one tensor have: typed arrays on Node 20 and WebGPU's 32-bit
 * indices stop at 2³², where tfjs would fail with only "Invalid typed array length".
 */
const MAX_ELEMENTS = 2 ** 32 - 1;

/** Bytes per element as tfjs counts them in `tf.memory().numBytes`. */
const BYTES_PER_ELEMENT: ReadonlyMap<string, number> = new Map([
  ['float32', 4],
  ['int32', 4],
  ['bool', 1],
]);

/**
 * Why an output of this type may not be made under a budget of `maxBytes`, or null when it may
 * (or its size is not known yet). `port` is named for ops with several outputs. For example
 * "Fill output float32[30000, 30000] would take 3.35 GiB, over the 1 GiB budget".
 */
export function overBudget(op: string, port: string | null, type: SizedType, maxBytes: number): string | null {
  const { shape } = type;
  if (shape === null) return null;
  let elements = 1;
  for (const d of shape) {
    if (d === null) return null;
    elements *= d;
  }
  const bytes = elements * (BYTES_PER_ELEMENT.get(type.dtype) ?? 4);
  if (bytes <= maxBytes && elements <= MAX_ELEMENTS) return null;
  const what = `${op} output${port === null ? '' : ` "${port}"`} ${type.dtype}[${shape.join(', ')}]`;
  if (bytes > maxBytes) {
    let [size, budget] = [formatBytes(bytes), formatBytes(maxBytes)];
    // Rounded alike, they would read as if the size fitted: then both to the byte.
    if (size === budget) [size, budget] = [`${bytes} bytes`, `${maxBytes} bytes`];
    return `${what} would take ${size}, over the ${budget} budget`;
  }
  return `${what} would hold ${elements.toExponential(2)} elements, more than one tensor can (${MAX_ELEMENTS})`;
}

/** The first of a node's outputs (types in port order) that passes the budget. */
export function outputsOverBudget(
  op: string,
  ports: readonly string[],
  types: readonly (SizedType | undefined)[],
  maxBytes: number,
): string | null {
  for (let k = 0; k < ports.length; k++) {
    const type = types[k];
    const problem = type ? overBudget(op, ports.length > 1 ? ports[k]! : null, type, maxBytes) : null;
    if (problem) return problem;
  }
  return null;
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** 3.35 GiB, 1 GiB, 512 MiB, 800 bytes: three significant digits at most, in the largest unit that fits. */
export function formatBytes(bytes: number): string {
  let unit = 0;
  while (unit < UNITS.length - 1 && bytes >= 1024 ** (unit + 1)) unit++;
  if (unit === 0) return `${bytes} bytes`;
  return `${Number((bytes / 1024 ** unit).toPrecision(3))} ${UNITS[unit]}`;
}
