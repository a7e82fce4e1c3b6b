/** Object.prototype's keys as names: a lookup by user text that is not an own-property check finds these. */
export const PROTOTYPE_KEYS = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  'prototype',
] as const;

/**
 * What `Object.prototype` holds: each own property (string or symbol key) with its descriptor's
 * value, getter, setter and flags. Prototype pollution adds a key or replaces a value; comparing two
 * snapshots shows either.
 */
export type PrototypeSnapshot = ReadonlyMap<PropertyKey, PropertyDescriptor>;

export function snapshotObjectPrototype(): PrototypeSnapshot {
  return new Map(Reflect.ownKeys(Object.prototype).map((key) => [key, descriptorOf(key)]));
}

/** The keys added, removed or changed since `before`, as one line each; empty when nothing changed. */
export function prototypeChanges(before: PrototypeSnapshot): string[] {
  const after = snapshotObjectPrototype();
  const changes: string[] = [];
  for (const key of after.keys()) if (!before.has(key)) changes.push(`added ${String(key)}`);
  for (const [key, was] of before) {
    const now = after.get(key);
    if (!now) changes.push(`removed ${String(key)}`);
    else if (!sameDescriptor(was, now)) changes.push(`changed ${String(key)}`);
  }
  return changes;
}

function descriptorOf(key: PropertyKey): PropertyDescriptor {
  return Object.getOwnPropertyDescriptor(Object.prototype, key)!;
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return (
    Object.is(a.value, b.value) &&
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable &&
    a.enumerable === b.enumerable &&
    a.configurable === b.configurable
  );
}
