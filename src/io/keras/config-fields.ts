import { z } from 'zod';
import { expected } from '../issues';

/** Keras's `(height, width)` settings, which it also takes as one number for both. */
export const pair = z
  .union([z.int().min(1), z.tuple([z.int().min(1), z.int().min(1)])], {
    error: () => 'expected a positive integer or a list of two',
  })
  .transform((v): [number, number] => (typeof v === 'number' ? [v, v] : v));

export const padding = z.enum(['valid', 'same'], expected('"valid" or "same"')).default('valid');

/** Where the channels are: Tensorloom's convolution, pooling and resizing ops take them last (NHWC). */
export const channelsLast = z
  .enum(['channels_last', 'channels_first'], expected('"channels_last" or "channels_first"'))
  .nullish()
  .refine((format) => format !== 'channels_first', {
    error:
      '"channels_first" is not supported: Tensorloom\'s convolution, pooling and resizing ops take channels last (NHWC), and transposing around each layer is not done',
  });

/** `[1, h, w, 1]`: a height and width setting as TensorFlow's NHWC ops take it. */
export const nhwc = ([h, w]: readonly [number, number]) => [1, h, w, 1];

export const tfPadding = (p: 'valid' | 'same') => (p === 'same' ? 'SAME' : 'VALID');
