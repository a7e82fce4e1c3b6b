/**
 * Records keyed by text from a file or the user (node ids, port and attribute names) are read only
 * through their own properties: `record["constructor"]` on a plain object finds Object's own
 * constructor, and writing `record["__proto__"]` replaces the object's prototype instead of
 * adding a key. The lint rule `tensorloom/own-keys` keeps such lookups to these helpers and `Map`s.
 */

/** The value `record` itself holds under `key`, never one it inherits. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  // eslint-disable-next-line tensorloom/own-keys -- the one read by text, after the own-property check
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets `key` as `record`'s own property, `__proto__` included, as `Object.fromEntries` does. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  // Object.prototype's only setter is `__proto__`: for any other key, assigning makes an own
  // property, and is much faster than defining one.
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  // eslint-disable-next-line tensorloom/own-keys -- not `__proto__`, so this adds an own property
  else record[key] = value;
}
