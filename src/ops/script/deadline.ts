import type { ForwardContext } from '../define-op';
import { ScriptError } from './script-error';

/** A body's deadline: `ms` in all, `left` of it for what the body awaits. */
export interface Deadline {
  readonly ms: number;
  readonly left: number;
}

/**
 * Calls a body, interrupting its synchronous part at `ms` where `context` can. Returns what it
 * returned and its deadline, with how much of it is left for what it awaits.
 */
export function callWithin<T>(
  { interrupter }: ForwardContext,
  ms: number,
  call: () => T,
): { result: T; deadline: Deadline } {
  const start = performance.now();
  const result = interrupter ? interrupter(ms, call) : call();
  return { result, deadline: { ms, left: Math.max(0, ms - (performance.now() - start)) } };
}

/**
 * Settles with `work`, or fails once the deadline's time left has passed: a promise that never
 * settles cannot hold the runtime. (A body that never yields, such as `while (true) {}`, is
 * callWithin's or the watchdog's to stop.) What `work` gives after the deadline goes to `late`, to
 * free: nobody else will see it.
 */
export function withDeadline<T>(work: Promise<T>, { ms, left }: Deadline, late?: (value: T) => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expired = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(new ScriptError('timeout', `timed out after ${ms} ms`));
    }, left);
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
