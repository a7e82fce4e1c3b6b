import type { AttrValue } from '../../graph/types';
import type { ResolvedNode } from '../../graph/validate';
import type { PassChange, Slot } from '../plan';

/** Inputs by port, in the order of the node's `inputs`: a slot, or a list of slots for a variadic port. */
export type InputSlots = (number | readonly number[])[];

/**
 * What the passes after folding decide, by a node's place in the order and by slot. Nothing here
 * changes the layout: steps are built from it at the end.
 */
export class Rewrites {
  /** By slot: the slot whose value it holds instead (itself when not redirected). */
  private readonly source: Int32Array;
  /** By place: 1 when the node no longer runs. */
  readonly removed: Uint8Array;
  /** By place, for nodes rewritten in place: their new inputs and attributes. */
  readonly inputs = new Map<number, InputSlots>();
  readonly attrs = new Map<number, Readonly<Record<string, AttrValue>>>();
  readonly cse: PassChange[] = [];
  readonly simplify: PassChange[] = [];

  constructor(slotCount: number, nodeCount: number) {
    this.source = new Int32Array(slotCount);
    for (let s = 0; s < slotCount; s++) this.source[s] = s;
    this.removed = new Uint8Array(nodeCount);
  }

  get changed(): boolean {
    return this.cse.length > 0 || this.simplify.length > 0;
  }

  /** The slot holding the value that `slot` stands for. */
  resolve(slot: number): number {
    const source = this.source;
    while (source[slot] !== slot) slot = source[slot]!;
    return slot;
  }

  /** The node at `place` goes; its outputs, from `first` on, are the values starting at `into`. */
  redirect(place: number, first: number, count: number, into: readonly number[]): void {
    this.removed[place] = 1;
    for (let k = 0; k < count; k++) this.source[first + k] = into[k]!;
  }
}

/** Input slots with every slot resolved through the rewrites. */
export function resolvedInputs(slots: InputSlots, rewrites: Rewrites): InputSlots {
  const resolved: InputSlots = new Array(slots.length);
  for (let k = 0; k < slots.length; k++) {
    const v = slots[k]!;
    if (typeof v === 'number') resolved[k] = rewrites.resolve(v);
    else {
      const list = new Array<number>(v.length);
      for (let j = 0; j < v.length; j++) list[j] = rewrites.resolve(v[j]!);
      resolved[k] = list;
    }
  }
  return resolved;
}

/** What the passes read of a traced layout (see compile.ts), by a node's place in the order. */
export interface PassLayout {
  readonly order: readonly ResolvedNode[];
  readonly slots: readonly Slot[];
  readonly firstSlot: Int32Array;
  /** By slot: the place of the node it belongs to. */
  readonly ownerOf: readonly number[];
  readonly inputPorts: readonly (readonly string[])[];
  readonly inputSlots: readonly InputSlots[];
  /** By place: 1 for the nodes folded at compile time. */
  readonly constant: Uint8Array;
}

/** Whether the node at `place` still runs as a step. */
export function runs(layout: PassLayout, rewrites: Rewrites, place: number): boolean {
  return layout.constant[place] === 0 && rewrites.removed[place] === 0;
}
