/**
 * Mutated graph files, drawn with a seeded generator from real ones: truncated, bytes flipped, keys
 * deleted or duplicated, values of the wrong type, huge numbers, Object.prototype keys as ids, ports
 * and attributes, deep nesting. Each says how it was made, so that a failure can be reproduced.
 */
import { seededRandom } from '../../support/random';

export interface Mutant {
  /** mutant-007.json */
  readonly name: string;
  /** The base file and what was done to it. */
  readonly how: string;
  readonly bytes: Uint8Array;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json } | Raw;

/** Text written into the file as it is (a number JSON cannot spell, a nesting no value holds). */
class Raw {
  constructor(readonly text: string) {}
}

/** Keys an object is written with a second time, after its own, and the values they get then. */
const AGAIN = Symbol('written again');
type WithAgain = { [key: string]: Json } & { [AGAIN]?: [string, Json][] };

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'];
const HUGE = ['1e308', '-1e308', '1e400', '9007199254740993', '4294967296', '2147483648', '30000', '1e9', '-0'];
const WRONG_TYPES: readonly Json[] = [0, -1, 1.5, '', 'x', true, null, [], {}, [1, 2], { a: 1 }];

/** `count` mutants of `bases` (name and text of real graph files), the same for the same seed. */
export function mutants(bases: readonly { name: string; text: string }[], count: number, seed: number): Mutant[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: Mutant[] = [];
  for (let i = 0; i < count; i++) {
    const base = pick(bases);
    const name = `mutant-${String(i).padStart(3, '0')}.json`;
    // Every node is named after its mutant, so that a file that opens shows other names than the last.
    const graph = tagged(JSON.parse(base.text) as Json, `#${i}`);
    const steps: string[] = [];
    const structural = 1 + Math.floor(random() * 3);
    for (let k = 0; k < structural; k++) steps.push(mutate(graph, random, pick));
    let bytes = new TextEncoder().encode(write(graph));
    const textual = random();
    if (textual < 0.15) {
      const at = Math.floor(random() * bytes.length);
      bytes = bytes.slice(0, at);
      steps.push(`truncated to ${at} bytes`);
    } else if (textual < 0.3) {
      const flips = 1 + Math.floor(random() * 8);
      for (let k = 0; k < flips; k++) bytes[Math.floor(random() * bytes.length)]! ^= 1 << Math.floor(random() * 8);
      steps.push(`${flips} bits flipped`);
    }
    out.push({ name, how: `${base.name}: ${steps.join('; ')}`, bytes });
  }
  return out;
}

function tagged(graph: Json, tag: string): Json {
  const nodes = isObject(graph) && Array.isArray(graph['nodes']) ? graph['nodes'] : [];
  for (const node of nodes) if (isObject(node) && typeof node['name'] === 'string') node['name'] += ` ${tag}`;
  return graph;
}

type Pick = <T>(list: readonly T[]) => T;

/** Applies one structural mutation to `graph` in place and says what it did. */
function mutate(graph: Json, random: () => number, pick: Pick): string {
  const slots = slotsOf(graph, '');
  if (!slots.length) return 'nothing to mutate';
  const kind = pick(['delete', 'duplicate', 'wrong type', 'huge number', 'prototype key', 'deep nesting'] as const);
  switch (kind) {
    case 'delete': {
      const slot = pick(slots.filter((s) => !Array.isArray(s.parent)));
      if (!slot) return 'no key to delete';
      delete (slot.parent as Record<string, Json>)[slot.key];
      return `deleted ${slot.path}`;
    }
    case 'duplicate': {
      const slot = pick(slots.filter((s) => !Array.isArray(s.parent)));
      if (!slot) return 'no key to duplicate';
      const second = pick(WRONG_TYPES);
      const parent = slot.parent as WithAgain;
      (parent[AGAIN] ??= []).push([String(slot.key), second]);
      return `${slot.path} written twice, then as ${JSON.stringify(second)}`;
    }
    case 'wrong type': {
      const slot = pick(slots);
      const value = pick(WRONG_TYPES.filter((v) => kindOf(v) !== kindOf(valueAt(slot))));
      set(slot.parent, slot.key, value);
      return `${slot.path} = ${JSON.stringify(value)}`;
    }
    case 'huge number': {
      const numbers = slots.filter((s) => typeof valueAt(s) === 'number');
      const slot = pick(numbers.length ? numbers : slots);
      const text = pick(HUGE);
      set(slot.parent, slot.key, new Raw(text));
      return `${slot.path} = ${text}`;
    }
    case 'prototype key':
      return prototypeKey(graph, random, pick);
    case 'deep nesting': {
      const slot = pick(slots);
      const depth = pick([100, 1_000, 10_000, 100_000]);
      const [open, close] = random() < 0.5 ? ['[', ']'] : ['{"a":', '}'];
      set(slot.parent, slot.key, new Raw(`${open.repeat(depth)}1${close.repeat(depth)}`));
      return `${slot.path} nested ${depth} deep`;
    }
  }
}

/** An Object.prototype key as a node id (its edges following), a port, an attribute or an op. */
function prototypeKey(graph: Json, random: () => number, pick: Pick): string {
  const key = pick(PROTOTYPE_KEYS);
  const nodes = (isObject(graph) && Array.isArray(graph['nodes']) ? graph['nodes'] : []).filter(isObject);
  const edges = (isObject(graph) && Array.isArray(graph['edges']) ? graph['edges'] : []).filter(isObject);
  const where = random();
  if (where < 0.35 && nodes.length) {
    const node = pick(nodes);
    const old = node['id'];
    setOwn(node, 'id', key);
    for (const edge of edges) {
      if (edge['source'] === old) setOwn(edge, 'source', key);
      if (edge['target'] === old) setOwn(edge, 'target', key);
    }
    return `node ${JSON.stringify(old)} renamed ${key}`;
  }
  if (where < 0.6 && edges.length) {
    const edge = pick(edges);
    const port = random() < 0.5 ? 'sourcePort' : 'targetPort';
    setOwn(edge, port, key);
    return `edge ${JSON.stringify(edge['id'])} ${port} = ${key}`;
  }
  if (where < 0.8 && nodes.length) {
    const node = pick(nodes);
    const attrs = isObject(node['attrs']) ? node['attrs'] : {};
    setOwn(attrs, key, pick(WRONG_TYPES));
    setOwn(node, 'attrs', attrs);
    return `node ${JSON.stringify(node['id'])} attribute ${key}`;
  }
  if (nodes.length) {
    const node = pick(nodes);
    setOwn(node, 'op', key);
    return `node ${JSON.stringify(node['id'])} op = ${key}`;
  }
  return 'no node for a prototype key';
}

interface Slot {
  readonly parent: { [key: string]: Json } | Json[];
  readonly key: string | number;
  readonly path: string;
}

/** Every place a value sits in `value`, depth first. */
function slotsOf(value: Json, path: string): Slot[] {
  const out: Slot[] = [];
  if (Array.isArray(value))
    value.forEach((item, i) => {
      out.push({ parent: value, key: i, path: `${path}[${i}]` });
      out.push(...slotsOf(item, `${path}[${i}]`));
    });
  else if (isObject(value))
    for (const key of Object.keys(value)) {
      out.push({ parent: value, key, path: path ? `${path}.${key}` : key });
      out.push(...slotsOf(value[key]!, path ? `${path}.${key}` : key));
    }
  return out;
}

function valueAt(slot: Slot): Json | undefined {
  return Array.isArray(slot.parent) ? slot.parent[slot.key as number] : slot.parent[slot.key];
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Raw);
}

function kindOf(value: Json | undefined): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/** Sets an own property, `__proto__` included (an assignment would set the prototype). */
function setOwn(object: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function set(parent: Slot['parent'], key: string | number, value: Json): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  else setOwn(parent, String(key), value);
}

/** JSON text of `value`, with Raw text as it is and keys written again where an object says so. */
function write(value: Json): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  if (isObject(value)) {
    const entries: [string, Json][] = [
      ...Object.keys(value).map((k): [string, Json] => [k, value[k]!]),
      ...((value as WithAgain)[AGAIN] ?? []),
    ];
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
