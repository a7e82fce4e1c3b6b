import { ScriptError } from './script-error';

/**
 * A bounded cache of what `make` returns or throws as a ScriptError, by key. Bounded because every
 * edit of a body is a new key (and the editor checks drafts as they are typed); the oldest go first.
 */
export function memoizeScript<T>(limit: number, make: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T | ScriptError>();
  return (key) => {
    let result = cache.get(key);
    if (result === undefined) {
      try {
        result = make(key);
      } catch (e) {
        if (!(e instanceof ScriptError)) throw e;
        result = e;
      }
      if (cache.size >= limit) cache.delete(cache.keys().next().value!);
      cache.set(key, result);
    }
    if (result instanceof ScriptError) throw result;
    return result;
  };
}
