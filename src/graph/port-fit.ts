import type { AnyOpSignature } from './op-signature';
import { own } from './own';
import { parseInputPort, shownInputPorts, variadicPort } from './ports';
import type { DType, Graph } from './types';
import type { Validation } from './validate';

/** One end of a wire being drawn: an output to feed something, or an input to be fed. */
export type DraggedPort =
  | { readonly side: 'output'; readonly dtype: DType | null }
  | { readonly side: 'input'; readonly dtypes: readonly DType[] };

/** A node's port as a wire dragged from it: an output with its dtype (when inferred), an input with those it accepts. */
export function draggedPort(validation: Validation, node: string, port: string, side: 'output' | 'input'): DraggedPort {
  const resolved = validation.nodes.get(node);
  if (side === 'output') return { side, dtype: (resolved?.types && own(resolved.types, port)?.dtype) ?? null };
  const spec = resolved && own(resolved.op.inputs, parseInputPort(port).input);
  return { side, dtypes: spec?.dtypes ?? [] };
}

/** An op that can take the other end of a wire, and the port of a new node of it that would. */
export interface FittingOp {
  readonly op: string;
  readonly port: string;
}

/**
 * The ops a wire from `dragged` can end on, each with the port to wire: from an output, the
 * first input that accepts its dtype (inputs that stand for an attribute last); from an input,
 * the op's first output (ops declare no output dtypes, which inference decides). Ops without
 * such a port are left out.
 */
export function opsFittingPort(ops: readonly AnyOpSignature[], dragged: DraggedPort): FittingOp[] {
  const fitting: FittingOp[] = [];
  for (const op of ops) {
    const port = dragged.side === 'output' ? inputTaking(op, dragged.dtype) : (op.outputs[0] ?? null);
    if (port !== null) fitting.push({ op: op.name, port });
  }
  return fitting;
}

function inputTaking(op: AnyOpSignature, dtype: DType | null): string | null {
  const inputs = Object.entries(op.inputs).filter(([, spec]) => dtype === null || spec.dtypes.includes(dtype));
  const [name, spec] = inputs.find(([, s]) => !s.attr) ?? inputs[0] ?? [];
  if (name === undefined || !spec) return null;
  return spec.variadic ? variadicPort(name, 0) : name;
}

/** A port of a node in the graph that a wire could reach. */
export interface PortChoice {
  readonly node: string;
  readonly port: string;
  /** Whether another wire feeds that input now (connecting replaces it). */
  readonly fed: boolean;
}

/**
 * The inputs of other nodes that the output `port` of `node` can feed: their dtype accepts its
 * type (when inference knows it), and the wire makes no cycle; inputs it feeds already are left
 * out. A variadic input offers its next free slot. In the graph's node order.
 */
export function inputsFor(graph: Graph, validation: Validation, node: string, port: string): PortChoice[] {
  const type = validation.nodes.get(node)?.types;
  const dtype = (type && own(type, port)?.dtype) ?? null;
  const upstream = reachable(graph, node, 'up');
  const feeding = new Map(graph.edges.map((e) => [`${e.target}\u0000${e.targetPort}`, e]));
  const choices: PortChoice[] = [];
  for (const target of graph.nodes) {
    if (upstream.has(target.id)) continue;
    const resolved = validation.nodes.get(target.id);
    if (!resolved) continue;
    for (const shown of shownInputPorts(resolved.op.inputs, resolved.inputs)) {
      const spec = own(resolved.op.inputs, parseInputPort(shown.id).input);
      const feeder = feeding.get(`${target.id}\u0000${shown.id}`);
      if (feeder?.source === node && feeder.sourcePort === port) continue;
      if (spec && (dtype === null || spec.dtypes.includes(dtype)))
        choices.push({ node: target.id, port: shown.id, fed: feeder !== undefined });
    }
  }
  return choices;
}

/** The outputs of other nodes that can feed input `port` of `node`: dtypes accepted where known, no cycle. */
export function outputsFor(graph: Graph, validation: Validation, node: string, port: string): PortChoice[] {
  const resolved = validation.nodes.get(node);
  const spec = resolved && own(resolved.op.inputs, parseInputPort(port).input);
  if (!spec) return [];
  const downstream = reachable(graph, node, 'down');
  const choices: PortChoice[] = [];
  for (const source of graph.nodes) {
    if (downstream.has(source.id)) continue;
    const from = validation.nodes.get(source.id);
    if (!from) continue;
    for (const output of from.op.outputs) {
      const dtype = from.types && own(from.types, output)?.dtype;
      if (!dtype || spec.dtypes.includes(dtype)) choices.push({ node: source.id, port: output, fed: false });
    }
  }
  return choices;
}

/** `start` and every node data flows into it from ('up') or out of it to ('down'). */
function reachable(graph: Graph, start: string, direction: 'up' | 'down'): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    const [from, to] = direction === 'down' ? [e.source, e.target] : [e.target, e.source];
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  }
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const n of next.get(id) ?? []) stack.push(n);
  }
  return seen;
}
