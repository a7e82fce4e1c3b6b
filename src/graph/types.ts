import type { TrainingSpec } from './training';
/** Tensor element types Tensorloom supports; the tfjs names, which TensorFlow shares. */
export const DTYPES = ['float32', 'int32', 'bool'] as const;
export type DType = (typeof DTYPES)[number];

/** A dimension; `null` when it is not known before running. */
export type Dim = number | null;

/** A shape; `null` when even the rank is unknown. */
export type Shape = Dim[] | null;

/** What inference knows about a tensor before it exists. */
export interface TensorType {
  readonly dtype: DType;
  readonly shape: Shape;
}

/**
 * A tensor's values, flat, row-major: plain numbers, or (for the large ones files carry in binary,
 * a model's weights) the typed array its dtype is stored in.
 */
export type TensorValues = readonly number[] | Float32Array | Int32Array | Uint8Array;

/** A concrete tensor value as plain data (attribute values, JSON, summaries). */
export interface TensorLiteral {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly values: TensorValues;
}

/** A script node's declared input or output: the seeds' `Tout`. */
export interface PortDecl {
  readonly name: string;
  readonly dtype: DType;
  /** Expected shape, with null for a dimension that may vary; absent: any shape. */
  readonly shape?: readonly (number | null)[];
}

export type AttrValue = number | boolean | string | readonly number[] | TensorLiteral | readonly PortDecl[] | null;

export interface Position {
  readonly x: number;
  readonly y: number;
}

export interface GraphNode {
  /** Stable, unique within the graph; edges and diagnostics refer to it. */
  readonly id: string;
  readonly op: string;
  /** A human label; the id is used where it is absent. */
  readonly name?: string;
  /** Attributes that differ from the op's defaults may be omitted. */
  readonly attrs: Readonly<Record<string, AttrValue>>;
  readonly position?: Position;
}

/**
 * A data edge from an output port to an input port. A variadic input port
 * receives its k-th value through the port name `name:k`.
 */
export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly sourcePort: string;
  readonly target: string;
  readonly targetPort: string;
}

export interface Graph {
  readonly name?: string;
  readonly description?: string;
  /** How the graph trains, where it does. */
  readonly training?: TrainingSpec;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** One output port of one node. */
export interface PortRef {
  readonly node: string;
  readonly port: string;
}

export function nodeLabel(node: GraphNode): string {
  return node.name ?? node.id;
}

export function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
