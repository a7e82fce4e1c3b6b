import type { TF } from '../define-op';
import { ScriptError } from './script-error';

/** `tf` as a tensor script's body sees it, and the means to take it back when the run is over. */
export interface ExpiringTf {
  readonly tf: TF;
  expire(): void;
}

/**
 * A view of `tf` whose functions, nested ones (`tf.image.resizeBilinear`) included, work until
 * `expire()` and throw after it. A body whose run is over (its deadline passed, it failed or it
 * returned) may still run: a promise that settles late, a timer it left behind. Whatever it made
 * then, nobody would free; so it can make nothing: a tfjs tensor comes from a `tf` function or
 * from a live tensor, and the tensors of the body's run are freed with it.
 */
export function expiringTf(tf: TF): ExpiringTf {
  let expired = false;
  const views = new WeakMap<object, object>();
  const originals = new WeakMap<object, object>();
  const refuse = () => {
    if (expired) throw new ScriptError('runtime', 'the script used tf after its run was over');
  };
  const originalOf = (value: unknown) =>
    (typeof value === 'object' || typeof value === 'function') && value !== null
      ? (originals.get(value) ?? value)
      : value;
  const viewOf = (value: unknown): unknown =>
    (typeof value === 'object' || typeof value === 'function') && value !== null ? view(value) : value;

  // A function's view is a proxy of the function itself, so that it can be called; it must report
  // the function's fixed properties as they are (a class's `prototype` and `Symbol.hasInstance`).
  const callable: ProxyHandler<(...args: unknown[]) => unknown> = {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      const fixed = Reflect.getOwnPropertyDescriptor(target, key);
      return fixed && !fixed.configurable && !fixed.writable ? value : viewOf(value);
    },
    apply(target, self, args) {
      refuse();
      return Reflect.apply(target, originalOf(self), args);
    },
    construct(target, args, newTarget) {
      refuse();
      return Reflect.construct(target, args, newTarget === views.get(target) ? target : newTarget);
    },
  };
  // An object's view stands on an empty object of its own and reads through to the object: a
  // module namespace (as bundlers build `tf`) is frozen, and a proxy of a frozen object could
  // only report its members as they are.
  const forwarding = (real: object): ProxyHandler<object> => ({
    get: (_, key) => viewOf(Reflect.get(real, key)),
    has: (_, key) => Reflect.has(real, key),
    ownKeys: () => Reflect.ownKeys(real),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real, key);
      if (!descriptor) return undefined;
      return { ...descriptor, configurable: true, ...('value' in descriptor && { value: viewOf(descriptor.value) }) };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real),
    set: (_, key, value) => Reflect.set(real, key, value),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(real, key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(real, key),
  });
  const view = (real: object): object => {
    let proxy = views.get(real);
    if (!proxy) {
      proxy =
        typeof real === 'function'
          ? new Proxy(real as (...args: unknown[]) => unknown, callable)
          : new Proxy({}, forwarding(real));
      views.set(real, proxy);
      originals.set(proxy, real);
    }
    return proxy;
  };
  return {
    tf: view(tf) as TF,
    expire: () => {
      expired = true;
    },
  };
}
