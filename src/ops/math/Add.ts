import { AddV2 } from './AddV2';

/**
 * TensorFlow's first name for AddV2, which graphs converted from older TensorFlow still use: the
 * same sum under its own name, so that a model exports with the ops it was imported with. The
 * palette offers AddV2 alone.
 */
export const Add = Object.freeze({
  ...AddV2,
  name: 'Add',
  doc: 'Elementwise sum x + y, broadcasting (the older name of AddV2, kept from imported models).',
  placeable: false,
});
