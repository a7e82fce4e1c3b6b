import type * as tfjs from '@tensorflow/tfjs';
import type { DType } from '../../../src/graph/types';
import type { InputGen, OpCase } from '../op-case';

type Tensor = tfjs.Tensor;
type TF = typeof tfjs;

/** References may make temporaries: the harness counts live tensors after disposing the reference's outputs. */
function tidy(fn: (tf: TF, ...xs: Tensor[]) => Tensor, output: string, ports: string[]): OpCase['reference'] {
  return (tf, inputs) => tf.tidy(() => ({ [output]: fn(tf, ...ports.map((p) => inputs[p] as Tensor)) }));
}

function unary(op: string, fn: (tf: TF, x: Tensor) => Tensor, x: InputGen, title?: string): OpCase {
  return { op, title, inputs: { x }, reference: tidy(fn, 'y', ['x']) };
}

function binary(
  op: string,
  fn: (tf: TF, x: Tensor, y: Tensor) => Tensor,
  x: InputGen,
  y: InputGen,
  title?: string,
): OpCase {
  return { op, title, inputs: { x, y }, reference: tidy(fn, 'z', ['x', 'y']) };
}

function byHand(op: string, inputs: Record<string, number[]>, expected: number[], dtype: DType = 'float32'): OpCase {
  const gens = Object.fromEntries(
    Object.entries(inputs).map(([port, values]) => [port, { shape: [values.length], values, dtype }]),
  );
  return { op, title: `by hand, ${dtype}`, inputs: gens, expected: { ['y' in inputs ? 'z' : 'y']: expected } };
}

const f = (shape: number[], range?: [number, number]): InputGen => ({ shape, range });
const i32 = (shape: number[], range: [number, number] = [-5, 5]): InputGen => ({ shape, dtype: 'int32', range });
const bool = (shape: number[]): InputGen => ({ shape, dtype: 'bool' });

const binaryMath: OpCase[] = [
  binary('Add', (tf, x, y) => tf.add(x, y), f([2, 1, 3]), f([4, 1]), 'broadcast both'),
  byHand('Add', { x: [7, -2147483648], y: [-9, 1] }, [-2, -2147483647], 'int32'),
  binary('Sub', (tf, x, y) => tf.sub(x, y), f([2, 3]), f([3]), 'broadcast'),
  binary('Sub', (tf, x, y) => tf.sub(x, y), i32([4]), i32([4]), 'int32'),
  byHand('Sub', { x: [5, 1], y: [3, 4] }, [2, -3]),
  binary('Mul', (tf, x, y) => tf.mul(x, y), f([2, 1]), f([1, 3]), 'broadcast both'),
  binary('Mul', (tf, x, y) => tf.mul(x, y), i32([2, 2]), i32([]), 'int32 by scalar'),
  byHand('Mul', { x: [2, 3], y: [4, -1] }, [8, -3], 'int32'),
  binary('RealDiv', (tf, x, y) => tf.div(x, y), f([2, 3]), f([3], [0.5, 2]), 'broadcast'),
  byHand('RealDiv', { x: [1, 3, -1], y: [2, 4, 8] }, [0.5, 0.75, -0.125]),
  binary('Pow', (tf, x, y) => tf.exp(tf.mul(y, tf.log(x))), f([2, 3], [0.5, 2]), f([3]), 'positive base, broadcast'),
  binary('Pow', (tf, x, y) => tf.pow(x, y), i32([6], [-3, 4]), i32([6], [0, 4]), 'int32'),
  byHand('Pow', { x: [2, 3, -2, 4], y: [3, 2, 3, 0.5] }, [8, 9, -8, 2]),
  byHand('Pow', { x: [2, -3, 5], y: [10, 3, 0] }, [1024, -27, 1], 'int32'),
  binary('Maximum', (tf, x, y) => tf.where(tf.greater(x, y), x, y), f([2, 3]), f([2, 1]), 'broadcast'),
  binary('Maximum', (tf, x, y) => tf.maximum(x, y), i32([5]), i32([5]), 'int32'),
  byHand('Maximum', { x: [1, 5, -2], y: [3, 4, -2] }, [3, 5, -2]),
  binary('Minimum', (tf, x, y) => tf.where(tf.less(x, y), x, y), f([3]), f([2, 3]), 'broadcast'),
  binary('Minimum', (tf, x, y) => tf.minimum(x, y), i32([5]), i32([5]), 'int32'),
  byHand('Minimum', { x: [1, 5, -2], y: [3, 4, -2] }, [1, 4, -2], 'int32'),
  binary('SquaredDifference', (tf, x, y) => tf.square(tf.sub(x, y)), f([2, 3]), f([]), 'broadcast scalar'),
  binary('SquaredDifference', (tf, x, y) => tf.square(tf.sub(x, y)), i32([4]), i32([4]), 'int32'),
  byHand('SquaredDifference', { x: [1, 2], y: [4, -1] }, [9, 9]),
  binary(
    'FloorDiv',
    (tf, x, y) => tf.floor(tf.div(x, y)),
    f([2, 3], [-5, 5]),
    { shape: [3], values: [-1.5, 0.5, 2] },
    'float32, broadcast',
  ),
  binary(
    'FloorDiv',
    (tf, x, y) => tf.floorDiv(x, y),
    i32([2, 4], [-9, 9]),
    { shape: [4], dtype: 'int32', values: [3, -2, 1, -4] },
    'int32, broadcast',
  ),
  byHand('FloorDiv', { x: [7, -7, 7, -7], y: [2, 2, -2, -2] }, [3, -4, -4, 3], 'int32'),
  byHand('FloorDiv', { x: [7.5, -7.5, 3e9], y: [2, 2, 1] }, [3, -4, 3e9]),
  binary(
    'FloorMod',
    (tf, x, y) => tf.sub(x, tf.mul(tf.floor(tf.div(x, y)), y)),
    f([2, 3], [-5, 5]),
    { shape: [3], values: [-1.5, 0.5, 2] },
    'float32, broadcast',
  ),
  binary(
    'FloorMod',
    (tf, x, y) => tf.mod(x, y),
    i32([2, 4], [-9, 9]),
    { shape: [4], dtype: 'int32', values: [3, -2, 1, -4] },
    'int32, broadcast',
  ),
  byHand('FloorMod', { x: [7, -7, 7, -7], y: [3, 3, -3, -3] }, [1, 2, -2, -1], 'int32'),
  byHand('FloorMod', { x: [5.5, -5.5], y: [2, 2] }, [1.5, 0.5]),
];

const addN: OpCase[] = [
  {
    op: 'AddN',
    title: 'three float32',
    inputs: { inputs: [f([2, 3]), f([2, 3]), f([2, 3])] },
    reference: (tf, { inputs }) => {
      const [a, b, c] = inputs as Tensor[];
      return tf.tidy(() => ({ sum: tf.add(tf.add(a!, b!), c!) }));
    },
  },
  {
    op: 'AddN',
    title: 'one int32',
    inputs: { inputs: [i32([4])] },
    reference: (tf, { inputs }) => ({ sum: tf.clone((inputs as Tensor[])[0]!) }),
  },
  {
    op: 'AddN',
    title: 'by hand, int32',
    inputs: {
      inputs: [
        { shape: [2], dtype: 'int32', values: [1, 2] },
        { shape: [2], dtype: 'int32', values: [3, 4] },
        { shape: [2], dtype: 'int32', values: [5, -6] },
      ],
    },
    expected: { sum: [9, 0] },
  },
];

const numericUnary: OpCase[] = [
  unary('Neg', (tf, x) => tf.sub(0, x), f([2, 3])),
  unary('Neg', (tf, x) => tf.sub(tf.zerosLike(x), x), i32([5]), 'int32'),
  byHand('Neg', { x: [3, -2, 0] }, [-3, 2, 0], 'int32'),
  unary('Abs', (tf, x) => tf.maximum(x, tf.neg(x)), f([2, 3])),
  unary('Abs', (tf, x) => tf.abs(x), i32([5]), 'int32'),
  byHand('Abs', { x: [-3.5, 2, 0] }, [3.5, 2, 0]),
  unary('Square', (tf, x) => tf.mul(x, x), f([2, 3])),
  unary('Square', (tf, x) => tf.mul(x, x), i32([5]), 'int32'),
  byHand('Square', { x: [-3, 4] }, [9, 16], 'int32'),
  unary('Sign', (tf, x) => tf.sign(x), f([2, 3])),
  unary('Sign', (tf, x) => tf.sign(x), i32([6]), 'int32'),
  byHand('Sign', { x: [-2.5, 0, 3] }, [-1, 0, 1]),
  byHand('Sign', { x: [-7, 0, 9] }, [-1, 0, 1], 'int32'),
];

const floatUnary: OpCase[] = [
  unary('Sqrt', (tf, x) => tf.pow(x, 0.5), f([2, 3], [0.1, 4])),
  byHand('Sqrt', { x: [4, 9, 0] }, [2, 3, 0]),
  unary('Rsqrt', (tf, x) => tf.div(1, tf.sqrt(x)), f([2, 3], [0.1, 4])),
  byHand('Rsqrt', { x: [4, 0.25] }, [0.5, 2]),
  unary('Exp', (tf, x) => tf.exp(x), f([2, 3])),
  byHand('Exp', { x: [0, 1, -1] }, [1, 2.7182817, 0.3678794]),
  unary('Log', (tf, x) => tf.log(x), f([2, 3], [0.1, 4])),
  byHand('Log', { x: [1, Math.E, 0.5] }, [0, 1, -0.6931472]),
  unary('Log1p', (tf, x) => tf.log(tf.add(x, 1)), f([2, 3], [-0.9, 4])),
  byHand('Log1p', { x: [0, Math.E - 1, 1] }, [0, 1, 0.6931472]),
  unary('Cos', (tf, x) => tf.cos(x), f([2, 3], [-4, 4])),
  byHand('Cos', { x: [0, Math.PI, Math.PI / 3] }, [1, -1, 0.5]),
  unary('Tan', (tf, x) => tf.div(tf.sin(x), tf.cos(x)), f([2, 3], [-1.2, 1.2])),
  byHand('Tan', { x: [0, Math.PI / 4, -Math.PI / 4] }, [0, 1, -1]),
  unary('Floor', (tf, x) => tf.floor(x), f([2, 3], [-5, 5])),
  byHand('Floor', { x: [-1.5, 1.5, 2] }, [-2, 1, 2]),
  unary('Ceil', (tf, x) => tf.ceil(x), f([2, 3], [-5, 5])),
  byHand('Ceil', { x: [-1.5, 1.5, 2] }, [-1, 2, 2]),
  unary('Round', (tf, x) => tf.round(x), f([2, 3], [-5, 5])),
  byHand('Round', { x: [-2.5, -1.5, 0.5, 1.5, 2.5, 0.4, -0.6] }, [-2, -2, 0, 2, 2, 0, -1]),
  unary('Reciprocal', (tf, x) => tf.div(1, x), f([2, 3], [0.5, 2])),
  byHand('Reciprocal', { x: [2, -4, 0.5] }, [0.5, -0.25, 2]),
  unary('Erf', (tf, x) => tf.erf(x), f([2, 3])),
  byHand('Erf', { x: [0, 0.5, 1, -1, 2] }, [0, 0.5204999, 0.8427008, -0.8427008, 0.9953223]),
];

const comparisons: OpCase[] = [
  binary('Equal', (tf, x, y) => tf.equal(x, y), i32([2, 4], [0, 3]), i32([4], [0, 3]), 'int32, broadcast'),
  binary('Equal', (tf, x, y) => tf.equal(x, y), bool([2, 3]), bool([3]), 'bool, broadcast'),
  byHand('Equal', { x: [1.5, 2, 3], y: [1.5, 0, 3] }, [1, 0, 1]),
  binary('NotEqual', (tf, x, y) => tf.logicalNot(tf.equal(x, y)), i32([3, 2], [0, 3]), i32([3, 1], [0, 3]), 'int32'),
  binary('NotEqual', (tf, x, y) => tf.notEqual(x, y), bool([4]), bool([4]), 'bool'),
  byHand('NotEqual', { x: [1, 0, 1, 0], y: [1, 1, 0, 0] }, [0, 1, 1, 0], 'bool'),
  binary('Less', (tf, x, y) => tf.less(x, y), f([2, 3]), f([3]), 'broadcast'),
  binary('Less', (tf, x, y) => tf.greater(y, x), i32([5], [0, 3]), i32([5], [0, 3]), 'int32'),
  byHand('Less', { x: [1, 2, 3], y: [2, 2, 2] }, [1, 0, 0], 'int32'),
  binary('LessEqual', (tf, x, y) => tf.lessEqual(x, y), f([2, 3]), f([2, 1]), 'broadcast'),
  binary('LessEqual', (tf, x, y) => tf.logicalNot(tf.greater(x, y)), i32([5], [0, 3]), i32([5], [0, 3]), 'int32'),
  byHand('LessEqual', { x: [1, 2, 3], y: [2, 2, 2] }, [1, 1, 0]),
  binary('Greater', (tf, x, y) => tf.greater(x, y), f([3]), f([2, 3]), 'broadcast'),
  binary('Greater', (tf, x, y) => tf.less(y, x), i32([5], [0, 3]), i32([5], [0, 3]), 'int32'),
  byHand('Greater', { x: [1, 2, 3], y: [2, 2, 2] }, [0, 0, 1], 'int32'),
  binary('GreaterEqual', (tf, x, y) => tf.greaterEqual(x, y), f([2, 3]), f([]), 'broadcast scalar'),
  binary('GreaterEqual', (tf, x, y) => tf.logicalNot(tf.less(x, y)), i32([5], [0, 3]), i32([5], [0, 3]), 'int32'),
  byHand('GreaterEqual', { x: [1, 2, 3], y: [2, 2, 2] }, [0, 1, 1]),
  binary('LogicalAnd', (tf, x, y) => tf.logicalAnd(x, y), bool([2, 3]), bool([3]), 'broadcast'),
  byHand('LogicalAnd', { x: [1, 0, 1, 0], y: [1, 1, 0, 0] }, [1, 0, 0, 0], 'bool'),
  binary('LogicalOr', (tf, x, y) => tf.logicalOr(x, y), bool([2, 1]), bool([1, 3]), 'broadcast'),
  byHand('LogicalOr', { x: [1, 0, 1, 0], y: [1, 1, 0, 0] }, [1, 1, 1, 0], 'bool'),
  unary('LogicalNot', (tf, x) => tf.notEqual(x, true), bool([2, 3])),
  byHand('LogicalNot', { x: [1, 0] }, [0, 1], 'bool'),
];

const select: OpCase[] = [
  {
    op: 'SelectV2',
    title: 'broadcast all three',
    inputs: { condition: bool([3, 1]), t: f([1, 2]), e: f([2]) },
    reference: tidy((tf, c, t, e) => tf.where(c, t, e), 'output', ['condition', 't', 'e']),
  },
  {
    op: 'Select',
    title: 'int32, scalar condition',
    inputs: { condition: bool([]), t: i32([2, 2]), e: i32([2, 2]) },
    reference: tidy(
      (tf, c, t, e) => {
        const take = tf.cast(c, 'int32');
        return tf.add(tf.mul(t, take), tf.mul(e, tf.sub(tf.onesLike(take), take)));
      },
      'output',
      ['condition', 't', 'e'],
    ),
  },
  {
    op: 'Select',
    title: 'by hand',
    inputs: {
      condition: { shape: [3], dtype: 'bool', values: [1, 0, 1] },
      t: { shape: [3], values: [1, 2, 3] },
      e: { shape: [3], values: [10, 20, 30] },
    },
    expected: { output: [1, 20, 3] },
  },
  {
    op: 'Select',
    title: 'a vector condition picks whole rows, by hand',
    inputs: {
      condition: { shape: [2], dtype: 'bool', values: [0, 1] },
      t: { shape: [2, 2], values: [1, 2, 3, 4] },
      e: { shape: [2, 2], values: [10, 20, 30, 40] },
    },
    expected: { output: [10, 20, 3, 4] },
  },
  {
    op: 'SelectV2',
    title: 'bool values, by hand',
    inputs: {
      condition: { shape: [2], dtype: 'bool', values: [1, 0] },
      t: { shape: [2], dtype: 'bool', values: [0, 0] },
      e: { shape: [2, 2], dtype: 'bool', values: [1, 1, 0, 1] },
    },
    expected: { output: [0, 1, 0, 1] },
  },
];

export const cases: OpCase[] = [...binaryMath, ...addN, ...numericUnary, ...floatUnary, ...comparisons, ...select];
