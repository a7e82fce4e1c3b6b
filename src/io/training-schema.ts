import { z } from 'zod';
import { OPTIMIZER_NAMES } from '../graph/training';
import { expected, oneOf } from './issues';

const positive = z.number(expected('a positive number')).positive(expected('a positive number'));
const fraction = z.number(expected('a number from 0 to 1')).min(0).max(1, expected('a number from 0 to 1'));
const atLeastZero = z.number(expected('a number ≥ 0')).min(0, expected('a number ≥ 0'));
const flag = z.boolean(expected('true or false'));
const outputRef = z.strictObject(
  { node: z.string(expected('a node id')), port: z.string(expected('an output port name')) },
  expected('an output {node, port}'),
);

const optimizer = z.discriminatedUnion(
  'name',
  [
    z.strictObject({ name: z.literal('sgd'), learningRate: positive }),
    z.strictObject({ name: z.literal('momentum'), learningRate: positive, momentum: fraction, useNesterov: flag }),
    z.strictObject({
      name: z.literal('adam'),
      learningRate: positive,
      beta1: fraction,
      beta2: fraction,
      epsilon: positive,
    }),
    z.strictObject({
      name: z.literal('rmsprop'),
      learningRate: positive,
      decay: fraction,
      momentum: fraction,
      epsilon: positive,
      centered: flag,
    }),
    z.strictObject({ name: z.literal('adagrad'), learningRate: positive, initialAccumulatorValue: positive }),
  ],
  expected(`an optimizer whose name is ${oneOf(OPTIMIZER_NAMES)}`),
);

/** A graph file's training setup (src/graph/training.ts): what it minimizes, how, and how long. */
export const trainingSpec = z.strictObject(
  {
    loss: outputRef,
    steps: z.int(expected('a whole number of steps')).min(1).max(10_000_000),
    epochs: z.int(expected('a whole number of epochs')).min(1).max(1_000_000).optional(),
    optimizer,
    regularization: z.strictObject({ l1: atLeastZero, l2: atLeastZero }, expected('{l1, l2}')),
    accuracy: z.strictObject({ prediction: outputRef, labels: outputRef }).optional(),
    feeds: z
      .array(
        z.strictObject(
          { placeholder: z.string(expected('a Placeholder node id')), from: outputRef },
          expected('a feed {placeholder, from}'),
        ),
      )
      .readonly()
      .optional(),
  },
  expected('a training setup {loss, steps, optimizer, regularization}'),
);
