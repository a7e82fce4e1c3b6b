import { Script, createContext } from 'node:vm';
import type { Interrupter, TF } from '../../ops/define-op';
import { ScriptError } from '../../ops/script/script-error';

/**
 * Interrupts a script body's synchronous work with node:vm's timeout, which stops even a loop that
 * never yields: a runaway body then costs its deadline, not this process and a start of another.
 *
 * The interruption cuts through whatever the body was in, tfjs included, and no `finally` runs, so
 * the engine is put back as it was before the call: the scopes the body opened are ended (which
 * frees the tensors they hold), the tensors its gradient tape kept for the backward pass are freed,
 * and the tape and depth counters restored. A kernel cut between
 * allocating its output and tracking it leaves data that no tensor owns, and nothing can tell what
 * else it left half done: then `hang` is called, and the runner kills this process at the deadline's
 * grace, as it does with a body that blocks where no timeout reaches (Atomics.wait).
 */
export function vmInterrupter(tf: TF, hang: () => never): Interrupter {
  // The call runs in a context of its own so that no global of this realm holds it; a function keeps
  // its own realm, so the body runs here as it would without the timeout.
  const context = createContext({ call: null as (() => unknown) | null });
  const script = new Script('call()', { filename: 'tensorloom:interrupter' });
  return <T>(ms: number, call: () => T): T => {
    const engine = tf.engine();
    const { state } = engine;
    const before = {
      scopes: state.scopeStack.length,
      kernelDepth: state.kernelDepth,
      gradientDepth: state.gradientDepth,
      activeTape: state.activeTape,
      tapeLength: state.activeTape?.length ?? 0,
    };
    context['call'] = call;
    try {
      return script.runInContext(context, { timeout: Math.max(1, Math.ceil(ms)) }) as T;
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e;
      while (state.scopeStack.length > before.scopes) engine.endScope();
      const tape = state.activeTape ?? [];
      const recorded = tape === before.activeTape ? tape.splice(before.tapeLength) : tape;
      for (const node of recorded) tf.dispose(node.saved ?? []);
      Object.assign(state, {
        kernelDepth: before.kernelDepth,
        gradientDepth: before.gradientDepth,
        activeTape: before.activeTape,
      });
      if (engine.backend.numDataIds() !== state.numDataBuffers) hang();
      throw new ScriptError('timeout', `timed out after ${ms} ms`);
    } finally {
      context['call'] = null;
    }
  };
}
