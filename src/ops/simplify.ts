import type { AttrValue, TensorType } from '../graph/types';

/**
 * An op's own algebraic rules, for the optimizer's arithmetic simplification pass (Grappler's
 * arithmetic optimizer): `x·1 → x`, `−−x → x`, `Transpose∘Transpose → one Transpose`. A rule
 * sees its node's inputs, their values where known at compile time and the nodes that make them,
 * and returns how the node simplifies, or null. Rules must keep values exact: a rule that forwards
 * an input gives that very value.
 */
export type SimplifyRule = (node: SimplifyNode) => Simplification | null;

/** A value in the plan, as a rule hands it back: where it comes from is the optimizer's business. */
export type ValueRef = number & { readonly valueRef: unique symbol };

/** One input of a node, as a rule sees it. */
export interface SimplifyInput {
  readonly ref: ValueRef;
  readonly type: TensorType;
  /** Its values (row-major) when they are known at compile time and few, else null. */
  constant(): ArrayLike<number> | null;
  /** The node that makes it, as rewritten so far: null for a constant made at compile time. */
  readonly producer: SimplifyNode | null;
}

/** A node as a rule sees it. */
export interface SimplifyNode {
  readonly op: string;
  readonly attrs: Readonly<Record<string, AttrValue>>;
  /** A connected single input, or null (unconnected, or a variadic list). */
  input(port: string): SimplifyInput | null;
  /** The types of its outputs. */
  readonly outputs: Readonly<Record<string, TensorType>>;
}

export type Simplification =
  /** The node's only output is this value: its readers read that instead, and the node goes. */
  | { readonly rule: string; readonly forward: ValueRef }
  /** The node stays, with these inputs (the others as they were) and these attributes. */
  | {
      readonly rule: string;
      readonly inputs: Readonly<Record<string, ValueRef>>;
      readonly attrs: Readonly<Record<string, AttrValue>>;
    };

/**
 * `x ∘ c → x` for a binary op, where input `other` is a constant holding only `neutral` that
 * neither broadcasts x nor changes its dtype, so the output is x itself.
 */
export function neutralOperand(kept: string, other: string, neutral: number, rule: string): SimplifyRule {
  return (node) => {
    const x = node.input(kept);
    const c = node.input(other);
    if (!x || !c || !fitsWithin(c.type, x.type) || !sameType(onlyOutput(node), x.type)) return null;
    const values = c.constant();
    if (!values) return null;
    for (let i = 0; i < values.length; i++) if (values[i] !== neutral) return null;
    return { rule, forward: x.ref };
  };
}

/** The first rule that applies. */
export function firstOf(...rules: readonly SimplifyRule[]): SimplifyRule {
  return (node) => {
    for (const rule of rules) {
      const simplified = rule(node);
      if (simplified) return simplified;
    }
    return null;
  };
}

/** The type of a single-output node's output. */
export function onlyOutput(node: SimplifyNode): TensorType {
  const types = Object.values(node.outputs);
  if (types.length !== 1) throw new Error(`${node.op} has ${types.length} outputs`);
  return types[0]!;
}

/** Equal dtypes and equal shapes, unknown dimensions in the same places. */
export function sameType(a: TensorType, b: TensorType): boolean {
  if (a.dtype !== b.dtype || a.shape === null || b.shape === null || a.shape.length !== b.shape.length) return false;
  return a.shape.every((d, i) => d === b.shape![i]);
}

/** `c` broadcasts into `x` without growing it: of no higher rank, each dimension 1 or x's (known) one. */
function fitsWithin(c: TensorType, x: TensorType): boolean {
  if (c.shape === null || x.shape === null || c.shape.length > x.shape.length) return false;
  const offset = x.shape.length - c.shape.length;
  return c.shape.every((d, i) => d === 1 || (d !== null && d === x.shape![offset + i]));
}
