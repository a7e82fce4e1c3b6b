import { ScriptError } from './script-error';

/**
 * Settles with `work`, or fails once `ms` have passed: a promise that never settles cannot hold
 * the runtime. (A body that never yields, such as `while (true) {}`, is the watchdog's to stop.)
 * What `work` gives after the deadline goes to `late`, to free: nobody else will see it.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, late?: (value: T) => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expired = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(new ScriptError('timeout', `timed out after ${ms} ms`));
    }, ms);
  });
  if (late)
    work.then(
      (value) => {
        if (expired) late(value);
      },
      () => {},
    );
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
