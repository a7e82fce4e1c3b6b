import { listText } from './list-text';
import type { AnyOpSignature, InputSpecs } from './op-signature';
import { own } from './own';

/** A position as a variadic port writes it: decimal digits, no sign and no leading zero. */
const POSITION = /^(?:0|[1-9]\d{0,8})$/;

/**
 * Splits a target port name into its input and, for a variadic input, the position (`values:2`).
 * Each position has one spelling, so that `values:1` and `values:01` cannot both feed it.
 */
export function parseInputPort(port: string): { input: string; index: number | null } {
  const colon = port.lastIndexOf(':');
  if (colon < 0 || !POSITION.test(port.slice(colon + 1))) return { input: port, index: null };
  return { input: port.slice(0, colon), index: Number(port.slice(colon + 1)) };
}

export function variadicPort(input: string, index: number): string {
  return `${input}:${index}`;
}

/** Why `port` is not an input of `op`, or null when it is. */
export function checkInputPort(op: AnyOpSignature, port: string): string | null {
  const { input, index } = parseInputPort(port);
  const spec = own(op.inputs, input);
  if (!spec) return `${op.name} has no input "${input}" (inputs: ${listText(Object.keys(op.inputs)) || 'none'})`;
  if (spec.variadic && index === null)
    return `${op.name}.${input} takes several values: connect to "${input}:0", "${input}:1", …`;
  if (!spec.variadic && index !== null) return `${op.name}.${input} takes a single value`;
  return null;
}

/** A node's ports: the op's own, or those its attributes declare (validation gives each node its op with them). */
export function portsOf(
  op: AnyOpSignature,
  attrs: Readonly<Record<string, unknown>> | null | undefined,
): { readonly inputs: AnyOpSignature['inputs']; readonly outputs: readonly string[] } {
  return op.ports && attrs ? op.ports(attrs as never) : op;
}

/** A port as a node on the canvas shows it: its handle id (`name:k` for a variadic input's k-th value) and label. */
export interface ShownPort {
  readonly id: string;
  readonly label: string;
}

/**
 * The input ports a node shows, in its op's order: a variadic input as one port per value
 * connected (`wired`, as validation resolved them), plus one free slot for the next.
 */
export function shownInputPorts(inputs: InputSpecs, wired: Readonly<Record<string, unknown>>): ShownPort[] {
  const ports: ShownPort[] = [];
  for (const [name, spec] of Object.entries(inputs)) {
    if (!spec.variadic) {
      ports.push({ id: name, label: name });
      continue;
    }
    const connected = own(wired, name);
    const count = Array.isArray(connected) ? connected.length : 0;
    for (let k = 0; k <= count; k++) ports.push({ id: variadicPort(name, k), label: `${name}[${k}]` });
  }
  return ports;
}
