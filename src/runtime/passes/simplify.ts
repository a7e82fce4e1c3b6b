import { isTensorLiteral } from '../../graph/attrs';
import { own, setOwn } from '../../graph/own';
import type { AttrValue, TensorType } from '../../graph/types';
import type { AnyOpDef, Tensor } from '../../ops/define-op';
import type { SimplifyInput, SimplifyNode, ValueRef } from '../../ops/simplify';
import { runs, type InputSlots, type PassLayout, type Rewrites } from './rewrites';

/** Constants with more values than this are not read back to the host to look for 0s and 1s. */
const MAX_CONSTANT_READ = 4096;

/**
 * Arithmetic simplification: each node's op applies its own algebraic rules (`OpDef.simplify`),
 * in order, so a rule sees its inputs as rewritten so far. Then the nodes that only the rewritten
 * ones read, and that nothing else needs now, go too.
 */
export function simplifyArithmetic(
  layout: PassLayout,
  rewrites: Rewrites,
  constants: ReadonlyMap<number, Tensor>,
  outputs: readonly number[],
): void {
  const { order, firstSlot } = layout;
  const view = new NodeViews(layout, rewrites, constants);
  const touched: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    const rule = (n.op as AnyOpDef).simplify;
    if (!rule || !runs(layout, rewrites, i)) continue;
    const result = rule(view.node(i));
    if (!result) continue;
    touched.push(i);
    if ('forward' in result) {
      const into = result.forward as number;
      rewrites.redirect(i, firstSlot[i]!, 1, [into]);
      rewrites.simplify.push({
        kind: 'simplified',
        node: n.node.id,
        rule: result.rule,
        into: layout.slots[into]!.node,
      });
    } else {
      const ports = layout.inputPorts[i]!;
      const inputs = [...(rewrites.inputs.get(i) ?? layout.inputSlots[i]!)];
      for (const port in result.inputs) inputs[ports.indexOf(port)] = own(result.inputs, port)! as number;
      rewrites.inputs.set(i, inputs);
      rewrites.attrs.set(i, result.attrs);
      rewrites.simplify.push({ kind: 'simplified', node: n.node.id, rule: result.rule, into: null });
    }
  }
  if (touched.length) removeUnread(layout, rewrites, outputs);
}

/**
 * Removes the nodes a rewrite left unread: pure nodes and constants that someone read before the
 * pass and no step or output reads now (a source nothing read stays: with pruning off it was kept).
 */
function removeUnread(layout: PassLayout, rewrites: Rewrites, outputs: readonly number[]): void {
  const { order, firstSlot, slots } = layout;
  const readersBefore = new Int32Array(slots.length);
  const readers = new Int32Array(slots.length);
  for (let i = 0; i < order.length; i++) {
    if (layout.constant[i]) continue;
    countReads(layout.inputSlots[i]!, readersBefore, null);
    if (!rewrites.removed[i]) countReads(rewrites.inputs.get(i) ?? layout.inputSlots[i]!, readers, rewrites);
  }
  for (const slot of outputs) readers[rewrites.resolve(slot)]! += 1;
  for (let i = order.length - 1; i >= 0; i--) {
    const kind = order[i]!.op.kind;
    if ((kind !== 'pure' && kind !== 'const') || !runs(layout, rewrites, i)) continue;
    const first = firstSlot[i]!;
    const end = first + order[i]!.op.outputs.length;
    let readBefore = false;
    let read = false;
    for (let s = first; s < end; s++) {
      readBefore ||= readersBefore[s]! > 0;
      read ||= readers[s]! > 0;
    }
    if (read || !readBefore) continue;
    rewrites.removed[i] = 1;
    countReads(rewrites.inputs.get(i) ?? layout.inputSlots[i]!, readers, rewrites, -1);
    rewrites.simplify.push({ kind: 'simplified', node: order[i]!.node.id, rule: 'no longer read', into: null });
  }
}

function countReads(inputs: InputSlots, into: Int32Array, rewrites: Rewrites | null, by = 1): void {
  for (const v of inputs)
    if (typeof v === 'number') into[rewrites ? rewrites.resolve(v) : v]! += by;
    else for (const s of v) into[rewrites ? rewrites.resolve(s) : s]! += by;
}

/** The nodes as rules see them: inputs resolved through the rewrites so far, constants readable. */
class NodeViews {
  constructor(
    readonly layout: PassLayout,
    readonly rewrites: Rewrites,
    readonly constants: ReadonlyMap<number, Tensor>,
  ) {}

  node(place: number): SimplifyNode {
    return new NodeView(this, place);
  }

  /** The values in `slot`, made by the node at `owner`, when known at compile time and few. */
  constantValues(slot: number, owner: number): ArrayLike<number> | null {
    const tensor = this.constants.get(slot);
    if (tensor) return tensor.size <= MAX_CONSTANT_READ ? (tensor.dataSync() as ArrayLike<number>) : null;
    // Without folding a Const node still runs as a step, but its value is in the graph.
    const n = this.layout.order[owner]!;
    if (n.op.kind !== 'const') return null;
    const value = own(n.attrs, 'value');
    return value !== undefined && isTensorLiteral(value) && value.values.length <= MAX_CONSTANT_READ
      ? (value.values as ArrayLike<number>)
      : null;
  }
}

/** One node as a rule sees it. Classes rather than closures: a view is made for every node with a rule. */
class NodeView implements SimplifyNode {
  constructor(
    private readonly views: NodeViews,
    private readonly place: number,
  ) {}

  get op(): string {
    return this.views.layout.order[this.place]!.op.name;
  }

  get attrs(): Readonly<Record<string, AttrValue>> {
    return this.views.rewrites.attrs.get(this.place) ?? this.views.layout.order[this.place]!.attrs;
  }

  get outputs(): Readonly<Record<string, TensorType>> {
    const { layout } = this.views;
    const ports = layout.order[this.place]!.op.outputs;
    const outputs: Record<string, TensorType> = {};
    for (let k = 0; k < ports.length; k++)
      setOwn(outputs, ports[k]!, layout.slots[layout.firstSlot[this.place]! + k]!.type);
    return outputs;
  }

  input(port: string): SimplifyInput | null {
    const { layout, rewrites } = this.views;
    const inputs = rewrites.inputs.get(this.place) ?? layout.inputSlots[this.place]!;
    const v = inputs[layout.inputPorts[this.place]!.indexOf(port)];
    return typeof v === 'number' ? new InputView(this.views, rewrites.resolve(v)) : null;
  }
}

class InputView implements SimplifyInput {
  readonly ref: ValueRef;

  constructor(
    private readonly views: NodeViews,
    private readonly slot: number,
  ) {
    this.ref = slot as ValueRef;
  }

  get type(): TensorType {
    return this.views.layout.slots[this.slot]!.type;
  }

  private get owner(): number {
    return this.views.layout.ownerOf[this.slot]!;
  }

  constant(): ArrayLike<number> | null {
    return this.views.constantValues(this.slot, this.owner);
  }

  get producer(): SimplifyNode | null {
    return this.views.layout.constant[this.owner] ? null : this.views.node(this.owner);
  }
}
