import { isTensorLiteral } from './attrs';
import type { AttrValue } from './types';

/** Tensors with more values than this are keyed by identity rather than by their values. */
const KEYED_BY_IDENTITY_ABOVE = 64;

const identities = new WeakMap<object, string>();
let identitiesGiven = 0;

/**
 * Text that differs whenever the value does, for caches keyed on a node's settings. A large tensor
 * (a model's weights) is keyed by the object that holds it: graphs are immutable, so the same object
 * means the same values, and writing megabytes out on every run would cost more than the rare miss
 * when an equal copy turns up.
 */
export function attrValueKey(value: AttrValue): string {
  if (isTensorLiteral(value) && value.values.length > KEYED_BY_IDENTITY_ABOVE) {
    let key = identities.get(value);
    if (!key) identities.set(value, (key = `tensor#${identitiesGiven++}`));
    return key;
  }
  return JSON.stringify(value, exactNumbers);
}

/** A node's attributes as key text, in the order they are written. */
export function attrsKey(attrs: Readonly<Record<string, AttrValue>>): string {
  let key = '';
  for (const [name, value] of Object.entries(attrs)) key += `${JSON.stringify(name)}:${attrValueKey(value)},`;
  return key;
}

/** JSON writes NaN and ±Infinity as null and -0 as 0, which would make different values one key. */
function exactNumbers(_: string, value: unknown): unknown {
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)))
    return Object.is(value, -0) ? '#-0' : `#${value}`;
  return ArrayBuffer.isView(value) ? Array.from(value as Float32Array) : value;
}
