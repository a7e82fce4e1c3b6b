import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { portsOf } from '../../src/graph/ports';
import type { TensorType } from '../../src/graph/types';
import type { AnyOpDef } from '../../src/ops/define-op';
import { OPS, registry } from '../../src/ops/registry';
import { loadTranspiler } from '../../src/ops/script/compile-body';
import { seededRandom } from '../support/random';
import { cpu, expectClose, expectValuesClose } from '../support/tf';
import { inputValues, type InputGen, type OpCase } from './op-case';

const modules = import.meta.glob<{ cases: OpCase[] }>('./cases/*.ts', { eager: true });
const cases = Object.values(modules).flatMap((m) => m.cases);

function makeInput(gen: InputGen, random: () => number): tf.Tensor {
  return tf.tensor(inputValues(gen, random), gen.shape, gen.dtype ?? 'float32');
}

function typeOf(t: tf.Tensor): TensorType {
  return { dtype: t.dtype as TensorType['dtype'], shape: [...t.shape] };
}

/** The same type with every dimension unknown: inference must still succeed and stay compatible. */
function unknownDims(t: TensorType): TensorType {
  return { dtype: t.dtype, shape: t.shape === null ? null : t.shape.map(() => null) };
}

/**
 * The type inference could know: the real one, but for an op that awaits (Where), whose sizes may
 * depend on input values, unknown where inference leaves them so.
 */
function knowable(op: AnyOpDef, inferred: TensorType, real: TensorType): TensorType {
  if (!op.awaits || inferred.shape === null || inferred.shape.length !== real.shape!.length) return real;
  return { dtype: real.dtype, shape: real.shape!.map((d, i) => (inferred.shape![i] === null ? null : d)) };
}

function mapInputs<T, U>(inputs: Record<string, T | T[]>, fn: (v: T) => U): Record<string, U | U[]> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, Array.isArray(v) ? v.map(fn) : fn(v)]));
}

function resolveAttrs(op: AnyOpDef, attrs: OpCase['attrs'] = {}) {
  return Object.fromEntries(Object.entries(op.attrs).map(([k, spec]) => [k, k in attrs ? attrs[k] : spec.default]));
}

beforeAll(async () => {
  await cpu();
  await loadTranspiler();
});

describe('op registry', () => {
  it('holds at least 60 ops, each with a conformance case', () => {
    expect(OPS.length).toBeGreaterThanOrEqual(60);
    const covered = new Set(cases.map((c) => c.op));
    // `Unsupported` stands in for a TensorFlow op Tensorloom does not compute: the import tests cover it.
    const computing = OPS.filter((op) => op.name !== 'Unsupported');
    expect(computing.map((op) => op.name).filter((name) => !covered.has(name))).toEqual([]);
    expect(cases.map((c) => c.op).filter((name) => !registry.has(name))).toEqual([]);
  });

  it('declares every attribute default as a valid value and every op with a doc line', () => {
    for (const op of OPS) {
      expect(op.doc.length, op.name).toBeGreaterThan(0);
      expect(op.outputs.length || op.ports, op.name).toBeTruthy();
    }
  });
});

describe.each(cases.map((c, i) => [`${c.op}${c.title ? ` (${c.title})` : ''} #${i}`, c] as const))('%s', (_, c) => {
  const op = registry.get(c.op)!;

  it('infers the real shape and dtype, agrees with the reference and leaks nothing', async () => {
    const random = seededRandom(c.op.length * 7919 + Object.keys(c.inputs).length);
    const inputs = mapInputs(c.inputs, (g) => makeInput(g, random));
    const attrs = resolveAttrs(op, c.attrs);
    const before = tf.memory().numTensors;
    const context = { nodeId: `case${c.op}` };
    const outputs = op.composite
      ? tf.tidy(() => op.forward(tf, inputs as never, attrs as never, context) as Record<string, tf.Tensor>)
      : await op.forward(tf, inputs as never, attrs as never, context);
    // Everything alive beyond the inputs must be one of the outputs: nothing temporary leaked.
    expect(tf.memory().numTensors - before, 'tensors made besides the outputs').toBe(
      new Set(Object.values(outputs).map((t) => t.id)).size,
    );

    const inferred = op.infer(mapInputs(inputs, typeOf) as never, attrs as never);
    const loose = op.infer(mapInputs(mapInputs(inputs, typeOf), unknownDims) as never, attrs as never);
    const ports = portsOf(op, attrs);
    expect(Object.keys(outputs).sort()).toEqual([...ports.outputs].sort());
    for (const name of ports.outputs) {
      const out = outputs[name]!;
      expect(inferred[name], `inferred type of ${name}`).toEqual(knowable(op, inferred[name]!, typeOf(out)));
      const l = loose[name]!;
      expect(l.dtype).toBe(out.dtype);
      if (l.shape !== null) {
        expect(l.shape.length).toBe(out.shape.length);
        l.shape.forEach((d, i) => d === null || expect(d).toBe(out.shape[i]));
      }
    }

    if (c.reference) {
      const ref = tf.tidy(() => c.reference!(tf, inputs));
      for (const name of ports.outputs) expectClose(outputs[name]!, ref[name]!, c.tolerance ?? 1e-5, `${c.op}.${name}`);
      tf.dispose(Object.values(ref));
    }
    for (const [name, values] of Object.entries(c.expected ?? {}))
      expectValuesClose(outputs[name]!.dataSync(), values, c.tolerance ?? 1e-4, `${c.op}.${name} (by hand)`);
    expect(c.reference || c.expected, 'a case checks values').toBeTruthy();

    tf.dispose(Object.values(outputs));
    tf.dispose(Object.values(inputs).flat());
    expect(tf.memory().numTensors).toBe(before - Object.values(inputs).flat().length);
  });
});
