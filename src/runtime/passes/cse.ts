import { attrValueKey } from '../../graph/attr-key';
import { own } from '../../graph/own';
import { runs, type InputSlots, type PassLayout, type Rewrites } from './rewrites';

/**
 * Common-subexpression elimination: a pure node with the same op, attributes and inputs as an
 * earlier one computes the same values, so its readers read the earlier one's instead. Sources,
 * random ops, scripts and variables are never merged: each may give a different value.
 *
 * Nodes are first grouped by the value their first input reads: only nodes that share it can be
 * duplicates, and most nodes share it with none, so their keys are never written.
 */
export function eliminateCommonSubexpressions(layout: PassLayout, rewrites: Rewrites): void {
  const { order, firstSlot } = layout;
  // By slot (one past the end: nodes without inputs), the place + 1 of the first pure node reading it first.
  const firstReader = new Int32Array(layout.slots.length + 1);
  // By slot read first by several pure nodes: those nodes' places by key.
  const shared = new Map<number, Map<string, number>>();
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    if (n.op.kind !== 'pure' || !runs(layout, rewrites, i)) continue;
    const first = firstInput(layout.inputSlots[i]!, rewrites, layout.slots.length);
    const earlier = firstReader[first]! - 1;
    if (earlier < 0) {
      firstReader[first] = i + 1;
      continue;
    }
    let keyed = shared.get(first);
    if (!keyed) shared.set(first, (keyed = new Map([[nodeKey(layout, rewrites, earlier), earlier]])));
    const key = nodeKey(layout, rewrites, i);
    const twin = keyed.get(key);
    if (twin === undefined) {
      keyed.set(key, i);
      continue;
    }
    const count = n.op.outputs.length;
    const into = new Array<number>(count);
    for (let k = 0; k < count; k++) into[k] = firstSlot[twin]! + k;
    rewrites.redirect(i, firstSlot[i]!, count, into);
    rewrites.cse.push({ kind: 'merged', node: n.node.id, into: order[twin]!.node.id });
  }
}

/** The value a node's first input reads (the first of a list), or `none` for a node without inputs. */
function firstInput(inputs: InputSlots, rewrites: Rewrites, none: number): number {
  const v = inputs[0];
  if (v === undefined) return none;
  if (typeof v === 'number') return rewrites.resolve(v);
  return v.length ? rewrites.resolve(v[0]!) : none;
}

/** Text equal for two nodes exactly when they compute the same: op, attributes, and the values read. */
function nodeKey(layout: PassLayout, rewrites: Rewrites, place: number): string {
  const n = layout.order[place]!;
  let key = n.op.name;
  for (const name in n.attrs) key += `|${attrValueKey(own(n.attrs, name)!)}`;
  for (const v of layout.inputSlots[place]!) {
    if (typeof v === 'number') key += `<${rewrites.resolve(v)}`;
    else {
      key += '<[';
      for (const s of v) key += `${rewrites.resolve(s)},`;
      key += ']';
    }
  }
  return key;
}
