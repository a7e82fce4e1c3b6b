import { InferError } from './op-signature';
import { own } from './own';
import type { Dim, DType, Shape, TensorType } from './types';

export function formatShape(shape: Shape): string {
  if (shape === null) return '[…]';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

export function formatType(t: TensorType): string {
  return `${t.dtype}${formatShape(t.shape)}`;
}

export function rankOf(shape: Shape): number | null {
  return shape === null ? null : shape.length;
}

/** The number of elements, or null when some dimension is unknown. */
export function sizeOf(shape: Shape): number | null {
  if (shape === null) return null;
  let n = 1;
  for (const d of shape) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

/** NumPy broadcasting of two shapes; unknown dimensions stay unknown unless the other side pins them. */
export function broadcastShapes(a: Shape, b: Shape, port = 'y'): Shape {
  if (a === null || b === null) return null;
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)]!;
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)]!;
    out.push(broadcastDim(da, db, a, b, port));
  }
  return out;
}

function broadcastDim(da: Dim, db: Dim, a: Shape, b: Shape, port: string): Dim {
  if (da === 1) return db;
  if (db === 1) return da;
  if (da === null) return db;
  if (db === null) return da;
  if (da === db) return da;
  throw new InferError('shape', `shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast`, { port });
}

/** Requires every named input to share one dtype (TensorFlow's type attribute `T`). */
export function sameDtype(inputs: Readonly<Record<string, TensorType>>, ports: readonly string[]): DType {
  const first = own(inputs, ports[0]!)!;
  for (const port of ports.slice(1)) {
    const t = own(inputs, port)!;
    if (t.dtype !== first.dtype)
      throw new InferError('dtype', `${port} is ${t.dtype} but ${ports[0]} is ${first.dtype}; they must match`, {
        port,
      });
  }
  return first.dtype;
}

/** Normalizes a possibly negative axis against a known rank. */
export function normalizeAxis(axis: number, rank: number, attr = 'axis'): number {
  if (axis < -rank || axis >= rank)
    throw new InferError('attr', `axis ${axis} is out of range for rank ${rank}`, { attr });
  return axis < 0 ? axis + rank : axis;
}

/** Two dimensions that must agree; unknown agrees with anything. */
export function dimsAgree(a: Dim, b: Dim): boolean {
  return a === null || b === null || a === b;
}

export function mergeDim(a: Dim, b: Dim): Dim {
  return a === null ? b : a;
}

/** The length of a vector of this type, when known: how many entries a supplied list will have. */
export function vectorLength(t: TensorType | undefined): number | null {
  return t?.shape?.length === 1 ? t.shape[0]! : null;
}

/** The shape a supplied shape vector of this type gives before its values are read: as many unknown dims as it is long. */
export function unknownDims(t: TensorType | undefined): Shape {
  const rank = vectorLength(t);
  return rank === null ? null : Array<null>(rank).fill(null);
}
