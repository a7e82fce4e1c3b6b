import { beforeAll, describe, expect, it } from 'vitest';
import { vmInterrupter } from '../../src/cli/sandbox/vm-interrupter';
import { ScriptError } from '../../src/ops/script/script-error';
import { cpu, live } from '../support/tf';

// The script process interrupts a body that never yields in place, instead of being killed and
// replaced (which costs a process start). These run the interrupter on the real tfjs CPU engine.

class Hung extends Error {}
const hang = (): never => {
  throw new Hung('hang was called');
};

describe('vmInterrupter', () => {
  let tf: Awaited<ReturnType<typeof cpu>>;
  beforeAll(async () => {
    tf = await cpu();
  });

  const engineState = () => {
    const { state } = tf.engine();
    return {
      scopes: state.scopeStack.length,
      kernelDepth: state.kernelDepth,
      gradientDepth: state.gradientDepth,
      activeTape: state.activeTape,
    };
  };

  /** Runs `call` under the interrupter, expecting a timeout; returns how long it took. */
  function interrupted(ms: number, call: () => unknown): number {
    const interrupt = vmInterrupter(tf, hang);
    const start = performance.now();
    let error: unknown;
    try {
      interrupt(ms, call);
    } catch (e) {
      error = e;
    }
    const took = performance.now() - start;
    expect(error).toBeInstanceOf(ScriptError);
    expect(error).toMatchObject({ kind: 'timeout', message: `timed out after ${ms} ms` });
    return took;
  }

  it("returns what the call returns and throws what it throws, as the call's own", () => {
    const interrupt = vmInterrupter(tf, hang);
    const marker = { answer: 42 };
    expect(interrupt(1000, () => marker)).toBe(marker);
    const thrown = new RangeError('from the body');
    expect(() =>
      interrupt(1000, () => {
        throw thrown;
      }),
    ).toThrow(thrown);
    const t = tf.tensor([1, 2, 3]);
    const doubled = interrupt(1000, () => tf.mul(t, 2));
    expect(Array.from(doubled.dataSync())).toEqual([2, 4, 6]);
    tf.dispose([t, doubled]);
  });

  it('interrupts a loop that never yields at its deadline', () => {
    const took = interrupted(100, () => {
      for (;;);
    });
    expect(took).toBeGreaterThanOrEqual(99);
    expect(took).toBeLessThan(1100);
  });

  it('ends the scopes the body left open, freeing their tensors, and the engine goes on', () => {
    const before = engineState();
    const tensors = live();
    interrupted(50, () =>
      tf.tidy(() => {
        tf.ones([3]);
        tf.engine().startScope();
        tf.zeros([2, 2]);
        for (;;);
      }),
    );
    expect(engineState()).toEqual(before);
    expect(live()).toBe(tensors);
    // A tidy after it still frees what it made and keeps what it returns.
    const kept = tf.tidy(() => tf.add(tf.ones([2]), tf.ones([2])));
    expect(Array.from(kept.dataSync())).toEqual([2, 2]);
    kept.dispose();
    expect(live()).toBe(tensors);
  });

  it('puts back the gradient tape a body was recording, so that later gradients are right', () => {
    const before = engineState();
    const tensors = live();
    const x = tf.tensor([1, 2, 3]);
    interrupted(50, () =>
      tf.grad((v: typeof x) => {
        tf.square(v);
        for (;;);
      })(x),
    );
    expect(engineState()).toEqual(before);
    const dx = tf.grad((v: typeof x) => tf.sum(tf.square(v)))(x);
    expect(Array.from(dx.dataSync())).toEqual([2, 4, 6]);
    tf.dispose([x, dx]);
    expect(live()).toBe(tensors);
  });

  it('inside a gradient pass, takes what the body recorded off the outer tape, and the pass goes on', () => {
    const tensors = live();
    const x = tf.tensor([1, 2, 3]);
    const interrupt = vmInterrupter(tf, hang);
    const dx = tf.grad((v: typeof x) => {
      expect(() =>
        interrupt(50, () => {
          tf.exp(tf.square(v));
          for (;;);
        }),
      ).toThrow(ScriptError);
      return tf.sum(tf.mul(v, v));
    })(x);
    expect(Array.from(dx.dataSync())).toEqual([2, 4, 6]);
    tf.dispose([x, dx]);
    expect(live()).toBe(tensors);
    expect(engineState().gradientDepth).toBe(0);
  });

  it('hangs (for the runner to kill the process) when data no tensor owns is left behind', () => {
    const interrupt = vmInterrupter(tf, hang);
    const buffers = tf.memory().numDataBuffers;
    // What a kernel cut short between allocating its output and tracking it leaves.
    let orphan: object | undefined;
    expect(() =>
      interrupt(50, () => {
        orphan = tf.backend().write(new Float32Array(4), [4], 'float32');
        for (;;);
      }),
    ).toThrow(Hung);
    tf.backend().disposeData(orphan!);
    expect(tf.backend().numDataIds()).toBe(buffers);
  });
});
