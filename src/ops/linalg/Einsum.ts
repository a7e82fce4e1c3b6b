import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape, sameDtype } from '../../graph/shape';
import type { Dim } from '../../graph/types';
import { defineOp, type Tensor, type TF } from '../define-op';
import { NUMERIC } from '../dtypes';
import { onHost } from '../host-int32';
import { toFloat32 } from '../to-float32';
import { productOrZeros } from './product';

const EQUATION = /^[A-Za-z.]*(,[A-Za-z.]*)*->[A-Za-z.]*$/;

export const Einsum = defineOp({
  name: 'Einsum',
  category: 'linalg',
  doc: 'Sums of products of one or two inputs over the labels the equation names: ij,jk->ik is a matrix product.',
  inputs: { inputs: { dtypes: NUMERIC, variadic: true } },
  outputs: ['output'],
  attrs: {
    equation: attr.text('ij,jk->ik', {
      pattern: { regex: EQUATION, means: 'an equation of letters such as ij,jk->ik' },
      doc: 'a term of labels per input, then -> and the labels of the output',
    }),
  },
  composite: true,
  infer: ({ inputs }, { equation }) => {
    const { terms, output } = parse(equation);
    const ports = inputs.map((_, k) => `inputs:${k}`);
    if (terms.length !== inputs.length)
      throw new InferError('shape', `${equation} has ${terms.length} input terms, but ${inputs.length} inputs`, {
        port: ports[Math.min(terms.length, inputs.length)] ?? 'inputs:0',
      });
    const dtype = sameDtype(Object.fromEntries(inputs.map((t, k) => [ports[k]!, t])), ports);
    const sizes = new Map<string, Dim>();
    inputs.forEach(({ shape }, k) => {
      if (shape === null) return;
      const term = terms[k]!;
      if (shape.length !== term.length)
        throw new InferError(
          'shape',
          `term ${term} needs ${term.length} dimensions, ${formatShape(shape)} has ${shape.length}`,
          {
            port: ports[k],
          },
        );
      [...term].forEach((label, i) => {
        const known = sizes.get(label) ?? null;
        const d = shape[i]!;
        if (known !== null && d !== null && known !== d)
          throw new InferError(
            'shape',
            `label ${label} is ${known} long in one input and ${d} in ${formatShape(shape)}`,
            {
              port: ports[k],
            },
          );
        sizes.set(label, known ?? d);
      });
    });
    return { output: { dtype, shape: [...output].map((label) => sizes.get(label) ?? null) } };
  },
  forward: (tf, { inputs }, { equation }) => {
    const { terms, output } = parse(equation);
    const sizes = new Map(
      terms.flatMap((term, k) => [...term].map((label, i) => [label, inputs[k]!.shape[i]!] as const)),
    );
    const shape = [...output].map((label) => sizes.get(label)!);
    const dtype = inputs[0]!.dtype;
    if (shape.includes(0)) return { output: tf.zeros(shape, dtype) };
    // tfjs's WebGPU kernels compute int32 in float32 anyway, and cannot transpose it: there it goes as float32.
    const asFloat = dtype === 'int32' && !onHost(tf);
    const [a, b] = asFloat ? inputs.map((x) => toFloat32(tf, x)) : inputs;
    const result = b ? pair(tf, a!, terms[0]!, b, terms[1]!, output) : single(tf, a!, terms[0]!, output);
    return { output: asFloat ? tf.cast(result, 'int32') : result === inputs[0] ? tf.clone(result) : result };
  },
  // tfjs's einsum supports what this op does; the forward pass builds its own for the gradients.
  code: ({ inputs: { inputs }, attr }) => `tf.einsum(${[attr('equation'), ...inputs].join(', ')})`,
});

/**
 * The input terms and the output of an equation, refusing what tfjs's einsum does not support
 * either: TensorFlow also takes an ellipsis for broadcast dimensions, a label twice in one term
 * (a diagonal), and output labels no input has.
 */
function parse(equation: string): { terms: string[]; output: string } {
  const [left, output] = equation.split('->') as [string, string];
  const terms = left.split(',');
  const unsupported = (what: string) => new InferError('attr', `${what} is not supported`, { attr: 'equation' });
  if (terms.length > 2)
    throw unsupported(`${equation}: einsum of ${terms.length} inputs (TensorFlow takes one or two)`);
  if (equation.includes('.')) throw unsupported('an ellipsis (...)');
  for (const term of [...terms, output]) {
    const twice = [...term].find((label, i) => term.indexOf(label) !== i);
    if (twice) throw unsupported(`label ${twice} twice in ${term} (a diagonal)`);
  }
  const stray = [...output].find((label) => !terms.some((term) => term.includes(label)));
  if (stray) throw unsupported(`output label ${stray}, which no input has,`);
  return { terms, output };
}

/** x with its dimensions, named by `from`, summed or ordered into `to`. */
function single(tf: TF, x: Tensor, from: string, to: string): Tensor {
  const { x: kept, term } = sumAway(tf, x, from, to);
  return permute(tf, kept, term, to);
}

/**
 * TensorFlow's way, as a batched matrix product: labels both inputs and the output have are the
 * batch, labels both inputs have and the output lacks are contracted, the rest stay free.
 */
function pair(tf: TF, x: Tensor, xTerm: string, y: Tensor, yTerm: string, to: string): Tensor {
  const left = sumAway(tf, x, xTerm, to + yTerm);
  const right = sumAway(tf, y, yTerm, to + xTerm);
  const shared = [...left.term].filter((label) => right.term.includes(label));
  const batch = [...to].filter((label) => shared.includes(label)).join('');
  const contracted = shared.filter((label) => !to.includes(label)).join('');
  const xFree = [...left.term].filter((label) => !shared.includes(label)).join('');
  const yFree = [...right.term].filter((label) => !shared.includes(label)).join('');
  const size = (labels: string) => [...labels].map((label) => sizeIn(label, left, right));
  const count = (labels: string) => size(labels).reduce((n, d) => n * d, 1);
  const a = tf.reshape(permute(tf, left.x, left.term, batch + xFree + contracted), [
    count(batch),
    count(xFree),
    count(contracted),
  ]);
  const b = tf.reshape(permute(tf, right.x, right.term, batch + contracted + yFree), [
    count(batch),
    count(contracted),
    count(yFree),
  ]);
  const product = tf.reshape(productOrZeros(tf, a, b, false, false), size(batch + xFree + yFree));
  return permute(tf, product, batch + xFree + yFree, to);
}

interface Labelled {
  readonly x: Tensor;
  readonly term: string;
}

/** x summed over the labels `keep` lacks: a label only one input has is summed before the product. */
function sumAway(tf: TF, x: Tensor, term: string, keep: string): Labelled {
  const axes = [...term].flatMap((label, i) => (keep.includes(label) ? [] : [i]));
  if (axes.length === 0) return { x, term };
  return { x: tf.sum(x, axes), term: [...term].filter((label) => keep.includes(label)).join('') };
}

function sizeIn(label: string, left: Labelled, right: Labelled): number {
  const i = left.term.indexOf(label);
  return i >= 0 ? left.x.shape[i]! : right.x.shape[right.term.indexOf(label)]!;
}

/** x, its dimensions named by `from`, transposed into the order `to` names them. */
function permute(tf: TF, x: Tensor, from: string, to: string): Tensor {
  const perm = [...to].map((label) => from.indexOf(label));
  return perm.every((p, i) => p === i) ? x : tf.transpose(x, perm);
}
