import { ScriptError } from './script-error';

/**
 * Settles with `work`, or fails once `ms` have passed: a promise that never settles cannot hold
 * the runtime. (A body that never yields, such as `while (true) {}`, is the watchdog's to stop.)
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ScriptError('timeout', `timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
