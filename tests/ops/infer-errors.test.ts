/**
 * What each op's `infer` rejects: the kind of InferError, the port or attribute it names, and a message that
 * shows the shapes or values at fault. `infer` is pure, so no tfjs is needed. Where a check depends on a
 * dimension, the same call with that dimension unknown must pass: unknown agrees with anything.
 */
import { describe, expect, it } from 'vitest';
import { checkAttr, type AttrSpecs, type AttrValues } from '../../src/graph/attrs';
import {
  InferError,
  type AnyOpSignature,
  type InferErrorKind,
  type InputSpecs,
  type InputsOf,
  type OpSignature,
} from '../../src/graph/op-signature';
import type { DType, Shape, TensorType } from '../../src/graph/types';
import { LogSoftmax } from '../../src/ops/activation/LogSoftmax';
import { Softmax } from '../../src/ops/activation/Softmax';
import { Select } from '../../src/ops/comparison/Select';
import { AvgPool } from '../../src/ops/conv/AvgPool';
import { Conv2D } from '../../src/ops/conv/Conv2D';
import { MaxPool } from '../../src/ops/conv/MaxPool';
import { BatchMatMulV2 } from '../../src/ops/linalg/BatchMatMulV2';
import { BiasAdd } from '../../src/ops/linalg/BiasAdd';
import { MatMul } from '../../src/ops/linalg/MatMul';
import { AddN } from '../../src/ops/math/AddN';
import { AddV2 } from '../../src/ops/math/AddV2';
import { Mul } from '../../src/ops/math/Mul';
import { ArgMax } from '../../src/ops/reduction/ArgMax';
import { ArgMin } from '../../src/ops/reduction/ArgMin';
import { All } from '../../src/ops/reduction/All';
import { Any } from '../../src/ops/reduction/Any';
import { Max } from '../../src/ops/reduction/Max';
import { Mean } from '../../src/ops/reduction/Mean';
import { Min } from '../../src/ops/reduction/Min';
import { Prod } from '../../src/ops/reduction/Prod';
import { Sum } from '../../src/ops/reduction/Sum';
import { OPS } from '../../src/ops/registry';
import { ConcatV2 } from '../../src/ops/shape/ConcatV2';
import { ExpandDims } from '../../src/ops/shape/ExpandDims';
import { Fill } from '../../src/ops/shape/Fill';
import { OneHot } from '../../src/ops/shape/OneHot';
import { Pack } from '../../src/ops/shape/Pack';
import { Range } from '../../src/ops/shape/Range';
import { Reshape } from '../../src/ops/shape/Reshape';
import { Slice } from '../../src/ops/shape/Slice';
import { Squeeze } from '../../src/ops/shape/Squeeze';
import { Tile } from '../../src/ops/shape/Tile';
import { Transpose } from '../../src/ops/shape/Transpose';

/** A tensor type; float32 unless told. */
function t(shape: Shape, dtype: DType = 'float32'): TensorType {
  return { dtype, shape };
}

/** Runs `op.infer`, completing the attributes with the op's defaults. */
function infer<I extends InputSpecs, O extends string, A extends AttrSpecs>(
  op: OpSignature<I, O, A>,
  inputs: InputsOf<I, TensorType>,
  attrs: Partial<AttrValues<A>> = {},
): Readonly<Record<O, TensorType>> {
  const given: Partial<Record<string, unknown>> = attrs;
  const full = Object.fromEntries(
    Object.entries(op.attrs).map(([name, spec]) => [name, name in given ? given[name] : spec.default]),
  );
  return op.infer(inputs, full as AttrValues<A>);
}

interface Expected {
  readonly kind: InferErrorKind;
  readonly port?: string;
  readonly attr?: string;
  /** Substrings the message must contain. */
  readonly says: readonly string[];
}

function expectInferError(run: () => unknown, { kind, port, attr, says }: Expected): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error, 'infer should throw an InferError').toBeInstanceOf(InferError);
  const e = error as InferError;
  expect({ kind: e.kind, where: e.where }).toEqual({ kind, where: port !== undefined ? { port } : { attr } });
  for (const s of says) expect(e.message, e.message).toContain(s);
}

describe('broadcasting binary ops', () => {
  it('AddV2 rejects shapes that do not broadcast, on y, naming both shapes', () => {
    expectInferError(() => infer(AddV2, { x: t([2, 3]), y: t([4]) }), {
      kind: 'shape',
      port: 'y',
      says: ['[2, 3]', '[4]'],
    });
    expectInferError(() => infer(AddV2, { x: t([2, 3]), y: t([3, 2]) }), {
      kind: 'shape',
      port: 'y',
      says: ['[2, 3]', '[3, 2]'],
    });
    expect(infer(AddV2, { x: t([2, null]), y: t([4]) })).toEqual({ z: t([2, 4]) });
    expect(infer(AddV2, { x: t([2, 3]), y: t([null, 1]) })).toEqual({ z: t([2, 3]) });
  });

  it('AddV2 and Mul reject mixed dtypes, on y, naming both', () => {
    for (const op of [AddV2, Mul])
      expectInferError(() => infer(op, { x: t([2], 'float32'), y: t([2], 'int32') }), {
        kind: 'dtype',
        port: 'y',
        says: ['int32', 'float32'],
      });
  });

  it('Mul rejects shapes that do not broadcast, even across ranks', () => {
    expectInferError(() => infer(Mul, { x: t([5, 2, 3]), y: t([4, 1]) }), {
      kind: 'shape',
      port: 'y',
      says: ['[5, 2, 3]', '[4, 1]'],
    });
    expect(infer(Mul, { x: t([5, null, 3]), y: t([4, 1]) })).toEqual({ z: t([5, 4, 3]) });
    expect(infer(Mul, { x: t(null), y: t([4, 1]) })).toEqual({ z: t(null) });
  });

  const binaryOps = OPS.filter((op) => Object.keys(op.inputs).join() === 'x,y' && op.outputs.join() === 'z');

  it('finds the binary ops', () => {
    expect(binaryOps.map((op) => op.name)).toEqual(expect.arrayContaining(['AddV2', 'Mul', 'Equal', 'LogicalAnd']));
  });

  it.each(binaryOps.map((op) => [op.name, op] as const))('%s checks shapes and dtypes like AddV2', (_, op) => {
    const [a, b] = op.inputs['x']!.dtypes;
    expectInferError(() => infer(op as AnyOpSignature, { x: t([2, 3], a), y: t([3, 2], a) }), {
      kind: 'shape',
      port: 'y',
      says: ['[2, 3]', '[3, 2]'],
    });
    expect(() => infer(op as AnyOpSignature, { x: t([2, null], a), y: t([null, 2], a) })).not.toThrow();
    if (b !== undefined)
      expectInferError(() => infer(op as AnyOpSignature, { x: t([2], a), y: t([2], b) }), {
        kind: 'dtype',
        port: 'y',
        says: [a!, b],
      });
  });
});

describe('AddN', () => {
  it('rejects unequal shapes on the first input that differs, without broadcasting', () => {
    expectInferError(() => infer(AddN, { inputs: [t([2, 3]), t([2, 3]), t([2, 4])] }), {
      kind: 'shape',
      port: 'inputs:2',
      says: ['inputs:2', '[2, 4]', '[2, 3]'],
    });
    // [3] would broadcast against [2, 3], but AddN does not broadcast.
    expectInferError(() => infer(AddN, { inputs: [t([2, 3]), t([3])] }), {
      kind: 'shape',
      port: 'inputs:1',
      says: ['[3]', '[2, 3]'],
    });
    expect(infer(AddN, { inputs: [t([2, 3]), t([2, 3]), t([2, null])] })).toEqual({ sum: t([2, 3]) });
    expect(infer(AddN, { inputs: [t([null, 3]), t(null), t([2, null])] })).toEqual({ sum: t([2, 3]) });
  });

  it('rejects mixed dtypes and an empty list', () => {
    expectInferError(() => infer(AddN, { inputs: [t([2]), t([2], 'int32')] }), {
      kind: 'dtype',
      port: 'inputs:1',
      says: ['inputs:1', 'int32', 'float32'],
    });
    expectInferError(() => infer(AddN, { inputs: [] }), { kind: 'shape', port: 'inputs:0', says: ['at least one'] });
  });
});

describe('Select', () => {
  it("takes t and e of one shape, and a condition of that shape, a scalar, or one flag per row (TF1's Select)", () => {
    expectInferError(() => infer(Select, { condition: t([2], 'bool'), t: t([3]), e: t([3]) }), {
      kind: 'shape',
      port: 'condition',
      says: ['[2]', '[3]'],
    });
    expectInferError(() => infer(Select, { condition: t([2, 3], 'bool'), t: t([2, 3]), e: t([3]) }), {
      kind: 'shape',
      port: 'e',
      says: ['[2, 3]', '[3]'],
    });
    // A column does not broadcast in TF1's Select, though it would in SelectV2.
    expectInferError(() => infer(Select, { condition: t([3, 1], 'bool'), t: t([3, 3]), e: t([3, 3]) }), {
      kind: 'shape',
      port: 'condition',
      says: ['[3, 1]', 'rows'],
    });
    expect(infer(Select, { condition: t([3], 'bool'), t: t([3, 2]), e: t([3, 2]) })).toEqual({ output: t([3, 2]) });
    expect(infer(Select, { condition: t([], 'bool'), t: t([3, 2]), e: t([3, 2]) })).toEqual({ output: t([3, 2]) });
    expect(infer(Select, { condition: t([null], 'bool'), t: t([3]), e: t([3]) })).toEqual({ output: t([3]) });
    expect(infer(Select, { condition: t([2, 3], 'bool'), t: t([2, 3]), e: t([null, 3]) })).toEqual({
      output: t([2, 3]),
    });
  });

  it('requires t and e to share a dtype', () => {
    expectInferError(() => infer(Select, { condition: t([2], 'bool'), t: t([2]), e: t([2], 'int32') }), {
      kind: 'dtype',
      port: 'e',
      says: ['int32', 'float32'],
    });
  });
});

describe('linalg', () => {
  it('MatMul rejects an inner-dimension mismatch on b, naming both shapes', () => {
    expectInferError(() => infer(MatMul, { a: t([2, 3]), b: t([4, 5]) }), {
      kind: 'shape',
      port: 'b',
      says: ['[2, 3]', '[4, 5]'],
    });
    // Transposed, a [3, 2] contributes 3 to the inner dimension.
    expectInferError(() => infer(MatMul, { a: t([3, 2]), b: t([2, 5]) }, { transpose_a: true }), {
      kind: 'shape',
      port: 'b',
      says: ['[3, 2]', '[2, 5]'],
    });
    expect(infer(MatMul, { a: t([2, null]), b: t([4, 5]) })).toEqual({ product: t([2, 5]) });
    expect(infer(MatMul, { a: t([2, 3]), b: t(null) })).toEqual({ product: t([2, null]) });
  });

  it('MatMul rejects an input that is not a matrix, and mixed dtypes', () => {
    expectInferError(() => infer(MatMul, { a: t([2, 3, 4]), b: t([4, 5]) }), {
      kind: 'shape',
      port: 'a',
      says: ['matrix', '[2, 3, 4]'],
    });
    expectInferError(() => infer(MatMul, { a: t([2, 3]), b: t([3]) }), {
      kind: 'shape',
      port: 'b',
      says: ['matrix', '[3]'],
    });
    expectInferError(() => infer(MatMul, { a: t([2, 3]), b: t([3, 4], 'int32') }), {
      kind: 'dtype',
      port: 'b',
      says: ['int32', 'float32'],
    });
  });

  it('BatchMatMulV2 rejects batch dims that do not broadcast, on y', () => {
    expectInferError(() => infer(BatchMatMulV2, { x: t([2, 3, 4]), y: t([3, 4, 5]) }), {
      kind: 'shape',
      port: 'y',
      says: ['[2]', '[3]'],
    });
    expect(infer(BatchMatMulV2, { x: t([null, 3, 4]), y: t([3, 4, 5]) })).toEqual({ output: t([3, 3, 5]) });
    expect(infer(BatchMatMulV2, { x: t([2, 3, 4]), y: t([1, 4, 5]) })).toEqual({ output: t([2, 3, 5]) });
  });

  it('BatchMatMulV2 rejects an inner-dimension mismatch and a rank below 2', () => {
    expectInferError(() => infer(BatchMatMulV2, { x: t([2, 3, 4]), y: t([2, 5, 6]) }), {
      kind: 'shape',
      port: 'y',
      says: ['[2, 3, 4]', '[2, 5, 6]'],
    });
    expect(infer(BatchMatMulV2, { x: t([2, 3, null]), y: t([2, 5, 6]) })).toEqual({ output: t([2, 3, 6]) });
    expectInferError(() => infer(BatchMatMulV2, { x: t([3]), y: t([3, 4]) }), {
      kind: 'shape',
      port: 'x',
      says: ['rank', '[3]'],
    });
  });

  it('BiasAdd rejects a bias whose length is not the last dim of value', () => {
    expectInferError(() => infer(BiasAdd, { value: t([2, 3]), bias: t([4]) }), {
      kind: 'shape',
      port: 'bias',
      says: ['[4]', '[2, 3]'],
    });
    expect(infer(BiasAdd, { value: t([2, null]), bias: t([4]) })).toEqual({ output: t([2, 4]) });
    expect(infer(BiasAdd, { value: t([2, 3]), bias: t([null]) })).toEqual({ output: t([2, 3]) });
  });

  it('BiasAdd rejects a bias that is not 1-D and a value of rank below 2', () => {
    expectInferError(() => infer(BiasAdd, { value: t([2, 3]), bias: t([1, 3]) }), {
      kind: 'shape',
      port: 'bias',
      says: ['1-D', '[1, 3]'],
    });
    expectInferError(() => infer(BiasAdd, { value: t([3]), bias: t([3]) }), {
      kind: 'shape',
      port: 'value',
      says: ['rank', '[3]'],
    });
  });
});

describe('activations', () => {
  it.each([
    ['Softmax', Softmax],
    ['LogSoftmax', LogSoftmax],
  ] as const)('%s rejects a scalar on logits but not an unknown rank', (_, op) => {
    expectInferError(() => infer(op as AnyOpSignature, { logits: t([]) }), {
      kind: 'shape',
      port: 'logits',
      says: ['scalar'],
    });
    expect(() => infer(op as AnyOpSignature, { logits: t(null) })).not.toThrow();
  });
});

describe('reductions', () => {
  const reductions = [Sum, Mean, Max, Min, Prod, All, Any].map((op) => [op.name, op as AnyOpSignature] as const);

  it.each(reductions)('%s rejects an out-of-range axis, naming it and the rank', (_, op) => {
    const x = t([2, 3], op.inputs['input']!.dtypes[0]);
    expectInferError(() => infer(op, { input: x }, { axis: [2] }), {
      kind: 'attr',
      attr: 'axis',
      says: ['axis 2', 'rank 2'],
    });
    expectInferError(() => infer(op, { input: x }, { axis: [0, -3] }), {
      kind: 'attr',
      attr: 'axis',
      says: ['axis -3', 'rank 2'],
    });
    expect(infer(op, { input: { ...x, shape: null } }, { axis: [2] })).toEqual({ output: { ...x, shape: null } });
  });

  it.each(reductions)('%s rejects an axis listed twice, even when spelled differently', (_, op) => {
    const x = t([2, 3], op.inputs['input']!.dtypes[0]);
    expectInferError(() => infer(op, { input: x }, { axis: [1, 1] }), {
      kind: 'attr',
      attr: 'axis',
      says: ['[1, 1]'],
    });
    expectInferError(() => infer(op, { input: x }, { axis: [1, -1] }), {
      kind: 'attr',
      attr: 'axis',
      says: ['[1, -1]'],
    });
  });

  it('reduces every axis for null and none for []', () => {
    expect(infer(Sum, { input: t([2, 3]) }, { axis: null })).toEqual({ output: t([]) });
    expect(infer(Sum, { input: t([2, 3]) }, { axis: [] })).toEqual({ output: t([2, 3]) });
  });

  it.each([
    ['ArgMax', ArgMax],
    ['ArgMin', ArgMin],
  ] as const)('%s rejects an out-of-range axis and a scalar input', (_, op) => {
    expectInferError(() => infer(op, { input: t([2, 3]) }, { axis: 2 }), {
      kind: 'attr',
      attr: 'axis',
      says: ['axis 2', 'rank 2'],
    });
    expectInferError(() => infer(op, { input: t([2, 3]) }, { axis: -3 }), {
      kind: 'attr',
      attr: 'axis',
      says: ['axis -3', 'rank 2'],
    });
    expectInferError(() => infer(op, { input: t([]) }), { kind: 'shape', port: 'input', says: ['scalar'] });
    expect(infer(op, { input: t(null) }, { axis: 2 })).toEqual({ output: t(null, 'int32') });
  });
});

describe('Reshape', () => {
  it('rejects a shape with a different element count, naming both shapes and the count', () => {
    expectInferError(() => infer(Reshape, { tensor: t([2, 3]) }, { shape: [4] }), {
      kind: 'attr',
      attr: 'shape',
      says: ['[2, 3]', '6 elements', '[4]'],
    });
    expectInferError(() => infer(Reshape, { tensor: t([2, 3]) }, { shape: [4, -1] }), {
      kind: 'attr',
      attr: 'shape',
      says: ['[2, 3]', '6 elements', '[4, -1]'],
    });
    expect(infer(Reshape, { tensor: t([2, null]) }, { shape: [4] })).toEqual({ output: t([4]) });
    expect(infer(Reshape, { tensor: t([2, null]) }, { shape: [4, -1] })).toEqual({ output: t([4, null]) });
  });

  it('rejects two -1s, and a -1 beside a zero dimension', () => {
    expectInferError(() => infer(Reshape, { tensor: t([2, 3]) }, { shape: [-1, -1] }), {
      kind: 'attr',
      attr: 'shape',
      says: ['[-1, -1]', 'more than one -1'],
    });
    expectInferError(() => infer(Reshape, { tensor: t(null) }, { shape: [-1, 2, -1] }), {
      kind: 'attr',
      attr: 'shape',
      says: ['[-1, 2, -1]'],
    });
    expectInferError(() => infer(Reshape, { tensor: t([0, 2]) }, { shape: [0, -1] }), {
      kind: 'attr',
      attr: 'shape',
      says: ['[0, -1]', 'zero'],
    });
  });
});

describe('Transpose', () => {
  it('rejects a perm of the wrong length, naming it and the shape', () => {
    expectInferError(() => infer(Transpose, { x: t([2, 3]) }, { perm: [0, 1, 2] }), {
      kind: 'attr',
      attr: 'perm',
      says: ['[0, 1, 2]', '[2, 3]'],
    });
    expect(infer(Transpose, { x: t(null) }, { perm: [0, 1, 2] })).toEqual({ y: t([null, null, null]) });
  });

  it('rejects a perm that is not a permutation', () => {
    expectInferError(() => infer(Transpose, { x: t([2, 3]) }, { perm: [0, 0] }), {
      kind: 'attr',
      attr: 'perm',
      says: ['[0, 0]', 'permutation'],
    });
    expectInferError(() => infer(Transpose, { x: t([2, 3]) }, { perm: [0, 2] }), {
      kind: 'attr',
      attr: 'perm',
      says: ['[0, 2]', 'permutation'],
    });
    expectInferError(() => infer(Transpose, { x: t(null) }, { perm: [1, 1] }), {
      kind: 'attr',
      attr: 'perm',
      says: ['[1, 1]'],
    });
  });
});

describe('ConcatV2', () => {
  it('rejects differing dimensions off the axis, on the value that differs', () => {
    expectInferError(() => infer(ConcatV2, { values: [t([2, 3]), t([4, 3]), t([4, 5])] }, { axis: 0 }), {
      kind: 'shape',
      port: 'values:2',
      says: ['values:2', '[4, 5]', '[6, 3]', 'axis 0'],
    });
    expectInferError(() => infer(ConcatV2, { values: [t([2, 3]), t([2])] }, { axis: 0 }), {
      kind: 'shape',
      port: 'values:1',
      says: ['[2]', '[2, 3]'],
    });
    expect(infer(ConcatV2, { values: [t([2, 3]), t([4, 3]), t([4, null])] }, { axis: 0 })).toEqual({
      output: t([10, 3]),
    });
    expect(infer(ConcatV2, { values: [t([2, 3]), t([2, 5])] }, { axis: -1 })).toEqual({ output: t([2, 8]) });
  });

  it('rejects an axis out of range, scalars and mixed dtypes', () => {
    expectInferError(() => infer(ConcatV2, { values: [t([2, 3]), t([2, 3])] }, { axis: 2 }), {
      kind: 'attr',
      attr: 'axis',
      says: ['axis 2', 'rank 2'],
    });
    expect(infer(ConcatV2, { values: [t(null), t(null)] }, { axis: 2 })).toEqual({ output: t(null) });
    expectInferError(() => infer(ConcatV2, { values: [t([]), t([])] }), {
      kind: 'shape',
      port: 'values:0',
      says: ['scalars'],
    });
    expectInferError(() => infer(ConcatV2, { values: [t([2]), t([2], 'int32')] }), {
      kind: 'dtype',
      port: 'values:1',
      says: ['int32', 'float32'],
    });
  });
});

describe('Pack', () => {
  it('rejects values of differing shapes, on the one that differs', () => {
    expectInferError(() => infer(Pack, { values: [t([2, 3]), t([2, 3]), t([3, 2])] }), {
      kind: 'shape',
      port: 'values:2',
      says: ['values:2', '[3, 2]', '[2, 3]'],
    });
    expectInferError(() => infer(Pack, { values: [t([2, 3]), t([2, 3, 1])] }), {
      kind: 'shape',
      port: 'values:1',
      says: ['[2, 3, 1]', '[2, 3]'],
    });
    expect(infer(Pack, { values: [t([2, 3]), t([2, 3]), t([null, null])] })).toEqual({ output: t([3, 2, 3]) });
  });

  it('rejects an axis beyond the result rank, and mixed dtypes', () => {
    expectInferError(() => infer(Pack, { values: [t([2]), t([2])] }, { axis: 2 }), {
      kind: 'attr',
      attr: 'axis',
      says: ['axis 2'],
    });
    expectInferError(() => infer(Pack, { values: [t([2]), t([2])] }, { axis: -3 }), {
      kind: 'attr',
      attr: 'axis',
      says: ['axis -3'],
    });
    expect(infer(Pack, { values: [t([2]), t([2])] }, { axis: -1 })).toEqual({ output: t([2, 2]) });
    expectInferError(() => infer(Pack, { values: [t([2], 'bool'), t([2])] }), {
      kind: 'dtype',
      port: 'values:1',
      says: ['float32', 'bool'],
    });
  });
});

describe('Slice', () => {
  it('rejects a size that runs past the input, naming begin, size and the shape', () => {
    expectInferError(() => infer(Slice, { input: t([4, 5]) }, { begin: [1, 2], size: [4, 2] }), {
      kind: 'attr',
      attr: 'size',
      says: ['[1, 2]', '[4, 2]', '[4, 5]'],
    });
    expect(infer(Slice, { input: t([null, 5]) }, { begin: [1, 2], size: [4, 2] })).toEqual({ output: t([4, 2]) });
  });

  it('rejects a begin past the end, but not one at the end', () => {
    expectInferError(() => infer(Slice, { input: t([4, 5]) }, { begin: [5, 0], size: [-1, -1] }), {
      kind: 'attr',
      attr: 'begin',
      says: ['[5, 0]', '[4, 5]'],
    });
    expect(infer(Slice, { input: t([null, 5]) }, { begin: [5, 0], size: [-1, -1] })).toEqual({
      output: t([null, 5]),
    });
    expect(infer(Slice, { input: t([4, 5]) }, { begin: [4, 0], size: [-1, 0] })).toEqual({ output: t([0, 0]) });
  });

  it('rejects begin and size whose lengths do not fit', () => {
    expectInferError(() => infer(Slice, { input: t([4, 5]) }, { begin: [0], size: [-1] }), {
      kind: 'attr',
      attr: 'begin',
      says: ['1 entries', '[4, 5]'],
    });
    expectInferError(() => infer(Slice, { input: t([4, 5]) }, { begin: [0, 0], size: [-1] }), {
      kind: 'attr',
      attr: 'size',
      says: ['size has 1', 'begin has 2'],
    });
    expect(infer(Slice, { input: t(null) }, { begin: [0], size: [-1] })).toEqual({ output: t([null]) });
  });
});

describe('ExpandDims and Squeeze', () => {
  it('ExpandDims rejects an axis beyond the result rank', () => {
    expectInferError(() => infer(ExpandDims, { input: t([2, 3]) }, { axis: 3 }), {
      kind: 'attr',
      attr: 'axis',
      says: ['axis 3'],
    });
    expectInferError(() => infer(ExpandDims, { input: t([2, 3]) }, { axis: -4 }), {
      kind: 'attr',
      attr: 'axis',
      says: ['axis -4'],
    });
    expect(infer(ExpandDims, { input: t([2, 3]) }, { axis: 2 })).toEqual({ output: t([2, 3, 1]) });
    expect(infer(ExpandDims, { input: t([2, 3]) }, { axis: -3 })).toEqual({ output: t([1, 2, 3]) });
    expect(infer(ExpandDims, { input: t(null) }, { axis: 3 })).toEqual({ output: t(null) });
  });

  it('Squeeze rejects an axis out of range, on squeeze_dims', () => {
    expectInferError(() => infer(Squeeze, { input: t([2, 1]) }, { squeeze_dims: [2] }), {
      kind: 'attr',
      attr: 'squeeze_dims',
      says: ['axis 2', 'rank 2'],
    });
    expectInferError(() => infer(Squeeze, { input: t([2, 1]) }, { squeeze_dims: [-3] }), {
      kind: 'attr',
      attr: 'squeeze_dims',
      says: ['axis -3', 'rank 2'],
    });
    expect(infer(Squeeze, { input: t(null) }, { squeeze_dims: [2] })).toEqual({ output: t(null) });
  });

  it('Squeeze rejects a dimension that is not 1, and one listed twice', () => {
    expectInferError(() => infer(Squeeze, { input: t([2, 1]) }, { squeeze_dims: [0] }), {
      kind: 'attr',
      attr: 'squeeze_dims',
      says: ['axis 0', '[2, 1]'],
    });
    expect(infer(Squeeze, { input: t([null, 1]) }, { squeeze_dims: [0] })).toEqual({ output: t([1]) });
    expectInferError(() => infer(Squeeze, { input: t([1, 1]) }, { squeeze_dims: [1, -1] }), {
      kind: 'attr',
      attr: 'squeeze_dims',
      says: ['[1, -1]'],
    });
  });
});

describe('Tile', () => {
  it('rejects multiples whose length is not the rank', () => {
    expectInferError(() => infer(Tile, { input: t([2, 3]) }, { multiples: [2] }), {
      kind: 'attr',
      attr: 'multiples',
      says: ['1 entries', '[2, 3]'],
    });
    expectInferError(() => infer(Tile, { input: t([2]) }, { multiples: [2, 2] }), {
      kind: 'attr',
      attr: 'multiples',
      says: ['2 entries', '[2]'],
    });
    expect(infer(Tile, { input: t(null) }, { multiples: [2] })).toEqual({ output: t([null]) });
    expect(infer(Tile, { input: t([2, null]) }, { multiples: [2, 0] })).toEqual({ output: t([4, 0]) });
  });
});

describe('OneHot', () => {
  it('takes any depth ≥ 0 and puts the new axis at axis (-1: last), as TensorFlow does', () => {
    expect(checkAttr(OneHot.attrs.depth, -1)).toContain('≥ 0');
    expect(checkAttr(OneHot.attrs.axis, -2)).toContain('≥ -1');
    expect(infer(OneHot, { indices: t([2, 3], 'int32') }, { depth: 4 })).toEqual({ output: t([2, 3, 4]) });
    expect(infer(OneHot, { indices: t([2, 3], 'int32') }, { depth: 1, axis: 0 })).toEqual({ output: t([1, 2, 3]) });
    expect(infer(OneHot, { indices: t([2, 3], 'int32') }, { depth: 4, axis: 1 })).toEqual({ output: t([2, 4, 3]) });
    expectInferError(() => infer(OneHot, { indices: t([2, 3], 'int32') }, { axis: 3 }), {
      kind: 'attr',
      attr: 'axis',
      says: ['between 0 and 2', '3'],
    });
    expect(infer(OneHot, { indices: t(null, 'int32') })).toEqual({ output: t(null) });
  });
});

describe('Fill and Range', () => {
  it('Fill rejects a value its dtype cannot hold', () => {
    expectInferError(() => infer(Fill, {}, { dtype: 'int32', value: 1.5 }), {
      kind: 'attr',
      attr: 'value',
      says: ['int32', '1.5'],
    });
    expectInferError(() => infer(Fill, {}, { dtype: 'bool', value: 2 }), {
      kind: 'attr',
      attr: 'value',
      says: ['bool', '2'],
    });
  });

  it('Range rejects a delta of 0', () => {
    for (const Tidx of ['int32', 'float32'] as const)
      expectInferError(() => infer(Range, {}, { start: 0, limit: 5, delta: 0, Tidx }), {
        kind: 'attr',
        attr: 'delta',
        says: ['delta', '0'],
      });
  });

  it('Range rejects a delta that leads away from limit, and non-integer int32 bounds', () => {
    expectInferError(() => infer(Range, {}, { start: 5, limit: 0, delta: 1 }), {
      kind: 'attr',
      attr: 'limit',
      says: ['delta 1', '5', '0'],
    });
    expectInferError(() => infer(Range, {}, { start: 0, limit: 5, delta: -2 }), {
      kind: 'attr',
      attr: 'limit',
      says: ['delta -2', '0', '5'],
    });
    expect(infer(Range, {}, { start: 5, limit: 0, delta: -2 })).toEqual({ output: t([3], 'int32') });
    expectInferError(() => infer(Range, {}, { start: 0.5, limit: 5, delta: 1, Tidx: 'int32' }), {
      kind: 'attr',
      attr: 'start',
      says: ['start', '0.5'],
    });
    expect(infer(Range, {}, { start: 0.5, limit: 5, delta: 1, Tidx: 'float32' })).toEqual({ output: t([5]) });
  });
});

describe('convolution and pooling', () => {
  it('Conv2D rejects a filter whose input channels differ from the input, naming both shapes', () => {
    expectInferError(() => infer(Conv2D, { input: t([1, 5, 5, 3]), filter: t([3, 3, 4, 8]) }), {
      kind: 'shape',
      port: 'filter',
      says: ['[1, 5, 5, 3]', '[3, 3, 4, 8]', '4 channels', 'has 3'],
    });
    expect(infer(Conv2D, { input: t([1, 5, 5, null]), filter: t([3, 3, 4, 8]) })).toEqual({
      output: t([1, 3, 3, 8]),
    });
    expect(infer(Conv2D, { input: t([1, 5, 5, 3]), filter: t([3, 3, null, 8]) })).toEqual({
      output: t([1, 3, 3, 8]),
    });
  });

  it('Conv2D rejects inputs that are not rank 4, and mixed dtypes', () => {
    expectInferError(() => infer(Conv2D, { input: t([5, 5, 3]), filter: t([3, 3, 3, 8]) }), {
      kind: 'shape',
      port: 'input',
      says: ['rank 4', '[5, 5, 3]'],
    });
    expectInferError(() => infer(Conv2D, { input: t([1, 5, 5, 3]), filter: t([3, 3, 8]) }), {
      kind: 'shape',
      port: 'filter',
      says: ['rank 4', '[3, 3, 8]'],
    });
    expectInferError(() => infer(Conv2D, { input: t([1, 5, 5, 3]), filter: t([3, 3, 3, 8], 'int32') }), {
      kind: 'dtype',
      port: 'filter',
      says: ['int32', 'float32'],
    });
  });

  it('Conv2D leaves no output where its window just outgrows the input under VALID, as TensorFlow does, and refuses a larger one', () => {
    // TensorFlow's length is (size - span + stride) / stride, rounded toward zero: (2 - 3 + 1) / 1 = 0.
    expect(infer(Conv2D, { input: t([1, 2, 2, 3]), filter: t([3, 3, 3, 8]) })).toEqual({ output: t([1, 0, 0, 8]) });
    // A dilated 2×2 filter spans 4 in 3, with stride 2: (3 - 4 + 2) / 2 = 0.5, so 0.
    expect(
      infer(
        Conv2D,
        { input: t([1, 3, 3, 3]), filter: t([2, 2, 3, 8]) },
        { dilations: [1, 3, 3, 1], strides: [1, 2, 2, 1] },
      ),
    ).toEqual({ output: t([1, 0, 0, 8]) });
    // (2 - 4 + 1) / 1 = -1: refused.
    expectInferError(() => infer(Conv2D, { input: t([1, 2, 2, 3]), filter: t([4, 4, 3, 8]) }), {
      kind: 'shape',
      port: 'filter',
      says: ['spanning 4', 'in 2', 'VALID'],
    });
    expect(infer(Conv2D, { input: t([1, null, null, 3]), filter: t([3, 3, 3, 8]) })).toEqual({
      output: t([1, null, null, 8]),
    });
    expect(infer(Conv2D, { input: t([1, 2, 2, 3]), filter: t([null, null, 3, 8]) })).toEqual({
      output: t([1, null, null, 8]),
    });
    expect(infer(Conv2D, { input: t([1, 2, 2, 3]), filter: t([3, 3, 3, 8]) }, { padding: 'SAME' })).toEqual({
      output: t([1, 2, 2, 8]),
    });
  });

  it('Conv2D takes strides and dilations together, as TensorFlow does', () => {
    const inputs = { input: t([1, 9, 9, 3]), filter: t([2, 2, 3, 8]) };
    // A dilated 2×2 filter spans 3; then every other window: ceil((9 - 3 + 1) / 2) = 4.
    expect(infer(Conv2D, inputs, { strides: [1, 2, 2, 1], dilations: [1, 2, 2, 1] })).toEqual({
      output: t([1, 4, 4, 8]),
    });
    expect(infer(Conv2D, inputs, { strides: [1, 2, 1, 1], dilations: [1, 1, 2, 1] })).toEqual({
      output: t([1, 4, 7, 8]),
    });
  });

  it('Conv2D rejects strides or dilations other than 1 on the batch or channel dimension', () => {
    const inputs = { input: t([1, 5, 5, 3]), filter: t([2, 2, 3, 8]) };
    expectInferError(() => infer(Conv2D, inputs, { strides: [2, 1, 1, 1] }), {
      kind: 'attr',
      attr: 'strides',
      says: ['[2, 1, 1, 1]'],
    });
    expectInferError(() => infer(Conv2D, inputs, { dilations: [1, 1, 1, 2] }), {
      kind: 'attr',
      attr: 'dilations',
      says: ['[1, 1, 1, 2]'],
    });
  });

  it.each([
    ['MaxPool', MaxPool, 'input'],
    ['AvgPool', AvgPool, 'value'],
  ] as const)('%s pools a VALID input smaller than its window to nothing, as TensorFlow does', (_, op, port) => {
    const pool = op as AnyOpSignature;
    expect(infer(pool, { [port]: t([1, 2, 2, 1]) }, { ksize: [1, 3, 3, 1], strides: [1, 1, 1, 1] })).toEqual({
      output: t([1, 0, 0, 1]),
    });
    expect(infer(pool, { [port]: t([1, null, null, 1]) }, { ksize: [1, 3, 3, 1] })).toEqual({
      output: t([1, null, null, 1]),
    });
    expect(infer(pool, { [port]: t([1, 2, 2, 1]) }, { ksize: [1, 3, 3, 1], padding: 'SAME' })).toEqual({
      output: t([1, 1, 1, 1]),
    });
    expectInferError(() => infer(pool, { [port]: t([2, 2, 1]) }), { kind: 'shape', port, says: ['rank 4'] });
    expectInferError(() => infer(pool, { [port]: t([1, 4, 4, 1]) }, { ksize: [2, 2, 2, 1] }), {
      kind: 'attr',
      attr: 'ksize',
      says: ['[2, 2, 2, 1]'],
    });
  });
});

describe('axes on a scalar', () => {
  it('are out of range for every reduction, as in TensorFlow', () => {
    expectInferError(() => infer(Sum, { input: t([]) }, { axis: [0] }), {
      kind: 'attr',
      attr: 'axis',
      says: ['out of range for rank 0'],
    });
  });
});
