import type { GraphNode, PortDecl } from '../../graph/types';

/**
 * Script nodes as TypeScript functions of their own, for code that runs without the editor (a
 * GraphModel's register-ops.ts, a TypeScript export): each takes its inputs as the script sees
 * them (tensors, or for an array script typed arrays that carry their shape) and returns its
 * outputs as tensors in declaration order.
 */

/** What every script's function calls to read what its body returned. */
const RETURNED_HELPERS = `/** What a script returned, as its outputs in order: the value itself for one output, else an array or an object by name (its own keys: an output may be named constructor). */
function byName(returned: unknown, names: string[]): unknown[] {
  if (names.length === 1 && !(isRecord(returned) && Object.hasOwn(returned, names[0]!) && !('dtype' in returned))) return [returned];
  if (Array.isArray(returned)) return returned;
  return names.map((name) => (Object.hasOwn(returned as object, name) ? (returned as Record<string, unknown>)[name] : undefined));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}`;

/** What array scripts' functions call besides: their inputs as typed arrays, their outputs back as tensors. */
const ARRAY_HELPERS = `/** A typed array that also carries its tensor's shape, as an array script's input. */
type ArrayInput = (Float32Array | Int32Array | Uint8Array) & { shape: number[]; dtype: string };

async function arrayInput(t: tf.Tensor): Promise<ArrayInput> {
  const data = (await t.data()).slice() as Float32Array | Int32Array | Uint8Array;
  return Object.assign(data, { shape: [...t.shape], dtype: t.dtype });
}

/** An array script's value as a tensor: a number, nested arrays, a typed array (its own or the declared shape), or { data, shape }. */
function arrayTensor(value: unknown, dtype: 'float32' | 'int32' | 'bool', shape: (number | null)[] | null): tf.Tensor {
  if (isRecord(value) && 'data' in value) return tf.tensor(value.data as number[], value.shape as number[], dtype);
  if (ArrayBuffer.isView(value)) {
    const values = value as unknown as ArrayLike<number> & { shape?: number[] };
    const declared = shape?.every((d) => d !== null) ? (shape as number[]) : null;
    return tf.tensor(Array.from(values), declared ?? values.shape ?? [values.length], dtype);
  }
  return tf.tensor(value as number, undefined, dtype);
}`;

/** Every helper a generated file may hold, whose names its other declarations must not take. */
export const SCRIPT_HELPERS = `${RETURNED_HELPERS}\n\n${ARRAY_HELPERS}`;

/** The helpers these scripts' functions call, written once per generated file: array scripts need more. */
export function scriptHelpers(scripts: readonly GraphNode[]): string {
  return scripts.some((node) => node.op === 'ArrayScript') ? SCRIPT_HELPERS : RETURNED_HELPERS;
}

/** The script's function: its declaration and body. */
export function scriptFunction(node: GraphNode, name: string): string {
  const inputs = node.attrs.inputs as readonly PortDecl[];
  const outputs = node.attrs.outputs as readonly PortDecl[];
  const body = String(node.attrs.body);
  const arrays = node.op === 'ArrayScript';
  const awaits = bodyAwaits(node);
  const params = inputs.map((p) => `${p.name}: ${arrays ? 'ArrayInput' : 'tf.Tensor'}`).join(', ');
  const run = `${awaits ? 'await (async ' : '('}() => {\n${indent(body.trim(), 4)}\n  })()`;
  const names = outputs.map((p) => p.name);
  const convert = arrays
    ? [
        `  const [${names.join(', ')}] = byName(returned, [${names.map(quote).join(', ')}]);`,
        `  return [${outputs.map((p) => `arrayTensor(${p.name}, ${quote(p.dtype)}, ${JSON.stringify(p.shape ?? null)})`).join(', ')}];`,
      ]
    : [`  return byName(returned, [${names.map(quote).join(', ')}]) as tf.Tensor[];`];
  return [
    `/** ${node.op} ${node.id}: (${inputs.map((p) => `${p.name}: ${p.dtype}`).join(', ')}) → ${outputs.map((p) => `${p.name}: ${p.dtype}`).join(', ')}. */`,
    `${awaits ? 'async ' : ''}function ${name}(${params}): ${awaits ? 'Promise<tf.Tensor[]>' : 'tf.Tensor[]'} {`,
    `  const returned: unknown = ${run};`,
    ...convert,
    '}',
  ].join('\n');
}

/** How to call the script's function on tensors (array scripts read theirs back first). */
export function scriptCall(node: GraphNode, name: string, args: readonly string[]): string {
  const values = node.op === 'ArrayScript' ? args.map((a) => `await arrayInput(${a})`) : args;
  return `${bodyAwaits(node) ? 'await ' : ''}${name}(${values.join(', ')})`;
}

/** Whether calling the script needs awaiting: it reads tensors back, or its body awaits. */
export function scriptAwaits(node: GraphNode): boolean {
  return node.op === 'ArrayScript' || bodyAwaits(node);
}

function bodyAwaits(node: GraphNode): boolean {
  return /\bawait\b/.test(String(node.attrs.body));
}

/** A string literal in single quotes, as the project's code writes them. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}
