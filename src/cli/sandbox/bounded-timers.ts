import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';
import type { Interrupter } from '../../ops/define-op';

const SCHEDULERS = ['setTimeout', 'setInterval', 'setImmediate'] as const;

/**
 * Bounds what a script leaves in a timer. A callback scheduled while a script runs (`deadline()`
 * gives its timeout then, null otherwise) runs under `interrupter` with that deadline, each time it
 * runs: a `while (true) {}` left in a `setTimeout` is interrupted as one in the body would be.
 * Without this nothing would stop it: it runs when no script is running, so the runner watches no
 * deadline. The globals and `node:timers` (which a script may load) both schedule this way, for good.
 */
export function boundTimers(interrupter: Interrupter, deadline: () => number | null): void {
  const bounded = (callback: unknown): unknown => {
    const ms = deadline();
    if (ms === null || typeof callback !== 'function') return callback;
    return (...args: unknown[]) => interrupter(ms, () => callback(...args));
  };
  const targets = [globalThis, timers] as unknown as Record<string, unknown>[];
  for (const name of SCHEDULERS) {
    const schedule = (timers as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
    const replacement = (callback: unknown, ...rest: unknown[]) => schedule(bounded(callback), ...rest);
    for (const target of targets)
      Object.defineProperty(target, name, { value: replacement, writable: false, configurable: false });
  }
  const queue = globalThis.queueMicrotask;
  Object.defineProperty(globalThis, 'queueMicrotask', {
    value: (callback: () => void) => queue(bounded(callback) as () => void),
    writable: false,
    configurable: false,
  });
  // `import('node:timers')` gives named exports that follow the module object only once synced.
  syncBuiltinESMExports();
}
