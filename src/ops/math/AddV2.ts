import { binaryOp } from '../binary-op';

/** `z = x + y`, broadcasting. */
export const AddV2 = binaryOp('AddV2', 'Elementwise sum x + y, broadcasting.', (tf, x, y) => tf.add(x, y), {
  code: (x, y) => `tf.add(${x}, ${y})`,
});
