import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PortDecl } from '../../src/graph/types';
import { checkArrayResults, checkTensorResults } from '../../src/ops/script/check-results';
import { compileBody, loadTranspiler } from '../../src/ops/script/compile-body';
import { expiringTf } from '../../src/ops/script/expiring-tf';
import { ScriptError } from '../../src/ops/script/script-error';
import { cpu } from '../support/tf';

beforeAll(async () => {
  await cpu();
  await loadTranspiler();
});

function thrown(run: () => unknown): ScriptError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ScriptError);
    return e as ScriptError;
  }
  throw new Error('expected a ScriptError');
}

async function rejected(run: () => unknown): Promise<ScriptError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(ScriptError);
    return e as ScriptError;
  }
  throw new Error('expected a ScriptError');
}

describe('script bodies', () => {
  it('run TypeScript with their parameters, synchronously unless they await', async () => {
    const sync = compileBody('const k: number = 2;\nreturn x * k;', ['x'], 'script-a.ts');
    expect(sync.async).toBe(false);
    expect(sync.run(21)).toBe(42);
    const later = compileBody(
      'interface P { v: number }\nconst p: P = { v: await Promise.resolve(x) };\nreturn p.v + 1;',
      ['x'],
      'script-b.ts',
    );
    expect(later.async).toBe(true);
    expect(await later.run(1)).toBe(2);
  });

  it('report a syntax error at the line and column the user wrote', () => {
    const e = thrown(() => compileBody('const a = 1;\nconst b: = 2;\nreturn a;', [], 'script-c.ts'));
    expect(e.kind).toBe('syntax');
    expect([e.line, e.column]).toEqual([2, 10]);
    expect(e.message).toMatch(/^syntax error: .*\(line 2, column 10\)$/);
  });

  it('report a runtime error with the user line, sync and async', async () => {
    const sync = compileBody('const a = 1;\n\nthrow new Error("no good");', [], 'script-d.ts');
    const e = thrown(() => sync.run());
    expect([e.kind, e.line, e.message]).toEqual(['runtime', 3, 'no good (line 3, column 7)']);
    const async = compileBody('await null;\nconst o: any = null;\nreturn o.field;', [], 'script-e.ts');
    const r = await rejected(() => async.run());
    expect(r.line).toBe(3);
    expect(r.message).toContain("reading 'field'");
  });
});

const f32 = (name: string, shape?: (number | null)[]): PortDecl => ({
  name,
  dtype: 'float32',
  ...(shape && { shape }),
});

describe('tensor script results', () => {
  it('accept a tensor, an object by name, or an array in declaration order', () => {
    tf.tidy(() => {
      const a = tf.tensor([1, 2]);
      const b = tf.tensor([3]);
      expect(checkTensorResults(tf, a, [f32('y')]).get('y')).toBe(a);
      expect([...checkTensorResults(tf, { p: a, q: b }, [f32('p'), f32('q')]).keys()]).toEqual(['p', 'q']);
      expect(checkTensorResults(tf, [a, b], [f32('p'), f32('q')]).get('q')).toBe(b);
    });
  });

  it('name each kind of mismatch: count, name, value kind, dtype, shape', () => {
    tf.tidy(() => {
      const a = tf.tensor([1, 2]);
      const two = [f32('p'), f32('q')];
      expect(thrown(() => checkTensorResults(tf, [a], two)).message).toBe(
        'returned 1 values, but 2 outputs are declared (p, q)',
      );
      expect(thrown(() => checkTensorResults(tf, { p: a, r: a }, two)).message).toContain(
        '"r", which is not a declared output',
      );
      expect(thrown(() => checkTensorResults(tf, { p: a }, two)).message).toBe(
        'output "q" is missing from what the body returned',
      );
      expect(thrown(() => checkTensorResults(tf, 3, [f32('y')])).message).toContain(
        'output "y": expected a tensor, got a number (3)',
      );
      const ints = tf.tensor([1, 2], [2], 'int32');
      expect(thrown(() => checkTensorResults(tf, ints, [f32('y')])).message).toContain('declared float32, got int32');
      expect(thrown(() => checkTensorResults(tf, a, [f32('y', [null, 2])])).message).toBe(
        'output "y": declared shape [?, 2], got [2]',
      );
      expect(thrown(() => checkTensorResults(tf, a, [f32('y', [3])])).kind).toBe('result');
    });
  });
});

describe('array script results', () => {
  it('take numbers, nested arrays, typed arrays and { data, shape }', () => {
    expect(checkArrayResults(2.5, [f32('y')]).get('y')).toEqual({ values: [2.5], shape: [] });
    expect(
      checkArrayResults(
        [
          [1, 2],
          [3, 4],
        ],
        [f32('y')],
      ).get('y'),
    ).toEqual({ values: [1, 2, 3, 4], shape: [2, 2] });
    const typed = checkArrayResults(new Float64Array([1, 2, 3, 4, 5, 6]), [f32('y', [2, 3])]).get('y')!;
    expect([Array.from(typed.values), typed.shape]).toEqual([
      [1, 2, 3, 4, 5, 6],
      [2, 3],
    ]);
    expect(checkArrayResults(new Float32Array(3), [f32('y', [null])]).get('y')!.shape).toEqual([3]);
    const explicit = checkArrayResults({ data: new Uint8Array(12), shape: [2, 2, 3] }, [
      { name: 'img', dtype: 'int32' },
    ]);
    expect(explicit.get('img')!.shape).toEqual([2, 2, 3]);
    // An input array (which carries its shape) returned as it is keeps that shape.
    const input = Object.defineProperty(new Float32Array(6), 'shape', { value: [2, 3] });
    expect(checkArrayResults(input, [f32('y')]).get('y')!.shape).toEqual([2, 3]);
    expect(checkArrayResults(input, [f32('y', [null])]).get('y')!.shape).toEqual([6]);
  });

  it('never turn a fraction into an int32, and name the offending value', () => {
    const int = [{ name: 'labels', dtype: 'int32' as const }];
    expect(thrown(() => checkArrayResults(new Float64Array([1, 2]), int)).message).toContain(
      'declared int32, got a Float64Array',
    );
    expect(thrown(() => checkArrayResults([1, 2.5], int)).message).toBe(
      'output "labels": declared int32, but value 1 is 2.5',
    );
    expect(thrown(() => checkArrayResults([[1, 2], [3]], [f32('y')])).message).toContain('rows have different lengths');
    expect(thrown(() => checkArrayResults([1, [2, 3]], [f32('y')])).message).toContain('rows have different depths');
    expect(thrown(() => checkArrayResults([1, 'x'], [f32('y')])).message).toContain('the value at [1] is not a number');
    expect(thrown(() => checkArrayResults('text', [f32('y')])).message).toContain('got a string');
    expect(thrown(() => checkArrayResults(new Float32Array(5), [f32('y', [2, null])])).message).toContain(
      'return { data, shape }',
    );
  });
});

describe("a tensor script's view of tf", () => {
  // As the test imports it (a module namespace), and as a bundler may build it: a frozen object.
  const namespaces = [
    ['the module namespace', tf],
    ['a frozen copy', Object.freeze(Object.assign(Object.create(null) as object, tf)) as typeof tf],
  ] as const;

  it.each(namespaces)('over %s, works as tf until its run is over, then makes nothing', (_, real) => {
    const view = expiringTf(real);
    const before = tf.memory().numTensors;
    const add = view.tf.add;
    const resize = view.tf.image.resizeBilinear;
    tf.tidy(() => {
      const sum = view.tf.add(view.tf.scalar(1), 2);
      expect(sum.dataSync()).toEqual(new Float32Array([3]));
      expect(sum instanceof view.tf.Tensor).toBe(true);
      expect(resize(view.tf.ones([1, 2, 2, 1]) as tf.Tensor4D, [4, 4]).shape).toEqual([1, 4, 4, 1]);
      expect(Object.keys(view.tf)).toContain('add');
      expect('matMul' in view.tf).toBe(true);
    });
    view.expire();
    const x = tf.scalar(1);
    const message = 'the script used tf after its run was over';
    expect(thrown(() => view.tf.ones([3])).message).toBe(message);
    expect(thrown(() => add(x, x)).message).toBe(message);
    expect(thrown(() => view.tf.image.resizeBilinear(x as never, [2, 2])).message).toBe(message);
    expect(thrown(() => view.tf.tidy(() => tf.ones([3]))).message).toBe(message);
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // The real tf is untouched.
    expect(tf.tidy(() => real.add(1, 2).dataSync()[0])).toBe(3);
  });
});
