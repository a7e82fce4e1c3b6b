import { attrValueKey } from '../graph/attr-key';
import { isTensorLiteral } from '../graph/attrs';
import { listText } from '../graph/list-text';
import { own } from '../graph/own';
import { nodeLabel, type AttrValue, type PortRef, type Shape } from '../graph/types';
import type { ResolvedNode } from '../graph/validate';
import type { Prepared } from './compile';
import type { ExecutionMode } from './execution';
import type { TraceNote } from './reports';

/** What a run's trace is made for: the prepared subgraph, in the mode it ran. */
export interface TraceSubject {
  readonly prepared: Prepared;
  readonly mode: ExecutionMode;
}

/**
 * Why a run traced, or what it reused, in the terms of TensorFlow's rules of tracing, from the
 * subject of the previous run's plan and this run's. `number` is the trace the run used.
 */
export function traceNote(
  previous: TraceSubject | null,
  next: TraceSubject,
  traced: boolean,
  number: number,
): TraceNote {
  if (traced) {
    const reasons = previous ? changes(previous, next) : ['first call'];
    // The key can differ in ways no rule here names; a trace still says it had a reason.
    return { traced, number, reasons: reasons.length ? reasons : ['the graph changed'] };
  }
  if (!previous || previous.prepared.key === next.prepared.key)
    return { traced, number, reasons: previous ? withinSignatures(previous, next) : [] };
  // The cache holds a trace made for this graph before (an edit undone, a shape seen earlier).
  return { traced, number, reasons: [...changes(previous, next), `trace ${number} was made for this before: reused`] };
}

/** What differs between two subjects that the trace key sees, most general first. */
function changes(previous: TraceSubject, next: TraceSubject): string[] {
  const before = previous.prepared;
  const after = next.prepared;
  const reasons: string[] = [];
  const modeChanged = previous.mode !== next.mode;
  if (modeChanged)
    reasons.push(`execution mode changed ${previous.mode} → ${next.mode} (each mode traces its own plan)`);
  else if (!sameSet(before.passes, after.passes))
    reasons.push(`optimizer passes changed: ${passChange(before, after)}`);
  if (before.maxBytes !== after.maxBytes) reasons.push('memory budget changed');

  // Nodes that only entered or left the traced subgraph (pruning) follow from the outputs requested.
  const earlier = new Map(before.order.map((n) => [n.node.id, n]));
  const added: string[] = [];
  const rewired: string[] = [];
  const edits: string[] = [];
  for (const n of after.order) {
    const old = earlier.get(n.node.id);
    if (!sameOp(n, before)) added.push(nodeLabel(n.node));
    else if (old) {
      if (!sameInputs(old, n)) rewired.push(nodeLabel(n.node));
      edits.push(...nodeChanges(old, n));
    }
  }
  const removed = before.order.filter((n) => !sameOp(n, after)).map((n) => nodeLabel(n.node));
  const structure = [
    added.length ? `added ${listText(added)}` : '',
    removed.length ? `removed ${listText(removed)}` : '',
    rewired.length ? `rewired ${listText(rewired)}` : '',
  ].filter(Boolean);
  if (structure.length) reasons.push(`graph structure changed: ${structure.join('; ')}`);
  // Added and removed nodes change the default outputs (the sinks) too, as a mode does (eager
  // computes every node): that is no separate reason.
  else if (!modeChanged && refsText(before.outputs) !== refsText(after.outputs))
    reasons.push('requested outputs changed');
  reasons.push(...edits);
  return reasons;
}

/** A node's edits the key sees: its attributes, and for an input the type it is fed. */
function nodeChanges(old: ResolvedNode, n: ResolvedNode): string[] {
  const feed = n.op.kind === 'feed';
  const reasons: string[] = [];
  for (const [name, now] of Object.entries(n.attrs)) {
    if (feed && name === 'value') continue;
    const was = own(old.attrs, name) ?? null;
    if (attrValueKey(was) === attrValueKey(now)) continue;
    const from = attrText(was);
    const to = attrText(now);
    const values = from !== null && to !== null && from !== to ? ` ${from} → ${to}` : '';
    reasons.push(`attribute \`${name}\` of ${nodeLabel(n.node)} edited${values}`);
  }
  // An input whose own settings changed (its signature) changes its type through them: one reason.
  if (!feed || reasons.length) return reasons;
  const input = nodeLabel(n.node);
  for (const [port, type] of Object.entries(n.types ?? {})) {
    const was = old.types && own(old.types, port);
    if (!was) continue;
    const name = Object.keys(n.types!).length > 1 ? `${input}.${port}` : input;
    if (was.dtype !== type.dtype) reasons.push(`input \`${name}\` changed dtype ${was.dtype} → ${type.dtype}`);
    if (shapeText(was.shape) !== shapeText(type.shape))
      reasons.push(`input \`${name}\` changed shape ${shapeText(was.shape)} → ${shapeText(type.shape)}`);
  }
  return reasons;
}

/** Fed values whose shape changed within their input's declared type: what a signature saved a trace. */
function withinSignatures(previous: TraceSubject, next: TraceSubject): string[] {
  const earlier = new Map(previous.prepared.order.map((n) => [n.node.id, n]));
  const reasons: string[] = [];
  for (const n of next.prepared.order) {
    if (n.op.kind !== 'feed') continue;
    const was = earlier.get(n.node.id)?.attrs['value'];
    const now = n.attrs['value'];
    if (!was || !now || !isTensorLiteral(was) || !isTensorLiteral(now)) continue;
    const from = shapeText(was.shape);
    const to = shapeText(now.shape);
    const declared = Object.values(n.types ?? {})[0];
    if (from !== to && declared)
      reasons.push(
        `input \`${nodeLabel(n.node)}\` changed shape ${from} → ${to}: within its signature ${shapeText(declared.shape)}, no retrace`,
      );
  }
  return reasons;
}

/** A shape as TensorFlow's signatures write it, `null` for a dimension not known before running. */
export function shapeText(shape: Shape | readonly number[]): string {
  return shape === null ? 'unknown' : `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}

/** An attribute value short enough for a line, or null for one that is not (code, a large tensor). */
function attrText(value: AttrValue): string | null {
  if (value === null) return 'none';
  if (typeof value === 'string')
    return value === '' ? 'none' : value.length > 24 || value.includes('\n') ? null : value;
  if (typeof value !== 'object') return String(value);
  if (isTensorLiteral(value))
    return value.values.length <= 8 ? `[${listText(value.values)}]` : `${value.dtype}${shapeText(value.shape)}`;
  if (value.length && typeof value[0] === 'object') return null;
  return `[${listText(value as readonly number[])}]`;
}

/** Whether the other graph has the node, with the same op. */
function sameOp(n: ResolvedNode, other: Prepared): boolean {
  return other.validation.nodes.get(n.node.id)?.op.name === n.op.name;
}

/** Whether the node reads the same ports into the same inputs. */
function sameInputs(a: ResolvedNode, b: ResolvedNode): boolean {
  const ports = Object.keys(a.inputs);
  if (ports.length !== Object.keys(b.inputs).length) return false;
  for (const port of ports) {
    const was = own(a.inputs, port)!;
    const now = own(b.inputs, port);
    if (!now) return false;
    const from: readonly PortRef[] = Array.isArray(was) ? was : [was as PortRef];
    const to: readonly PortRef[] = Array.isArray(now) ? now : [now as PortRef];
    if (from.length !== to.length || from.some((r, i) => r.node !== to[i]!.node || r.port !== to[i]!.port))
      return false;
  }
  return true;
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function passChange(before: Prepared, after: Prepared): string {
  const on = [...after.passes].filter((p) => !before.passes.has(p)).map((p) => `${p} on`);
  const off = [...before.passes].filter((p) => !after.passes.has(p)).map((p) => `${p} off`);
  return [...on, ...off].join(', ');
}

function refsText(refs: readonly PortRef[]): string {
  return refs.map((r) => `${r.node}.${r.port}`).join(',');
}
