import { attrValueKey } from '../../graph/attr-key';
import { own } from '../../graph/own';
import { runs, type PassLayout, type Rewrites } from './rewrites';

/**
 * Common-subexpression elimination: a pure node with the same op, attributes and inputs as an
 * earlier one computes the same values, so its readers read the earlier one's instead. Sources,
 * random ops, scripts and variables are never merged: each may give a different value.
 */
export function eliminateCommonSubexpressions(layout: PassLayout, rewrites: Rewrites): void {
  const { order, firstSlot, inputSlots } = layout;
  const seen = new Map<string, number>();
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    if (n.op.kind !== 'pure' || !runs(layout, rewrites, i)) continue;
    let key = n.op.name;
    for (const name in n.attrs) key += `|${attrValueKey(own(n.attrs, name)!)}`;
    for (const v of inputSlots[i]!) {
      if (typeof v === 'number') key += `<${rewrites.resolve(v)}`;
      else {
        key += '<[';
        for (const s of v) key += `${rewrites.resolve(s)},`;
        key += ']';
      }
    }
    const twin = seen.get(key);
    if (twin === undefined) {
      seen.set(key, i);
      continue;
    }
    const count = n.op.outputs.length;
    const into = new Array<number>(count);
    for (let k = 0; k < count; k++) into[k] = firstSlot[twin]! + k;
    rewrites.redirect(i, firstSlot[i]!, count, into);
    rewrites.cse.push({ kind: 'merged', node: n.node.id, into: order[twin]!.node.id });
  }
}
