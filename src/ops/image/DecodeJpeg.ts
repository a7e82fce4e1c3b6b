import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { defineOp } from '../define-op';
import {
  channelsAttr,
  contentsInput,
  decodedType,
  decodeImageTensor,
  IMAGE_DECODING_UNWRITABLE,
} from './decode-image-bytes';

const RATIOS = [1, 2, 4, 8];

/**
 * tf.io.decode_jpeg, by jpeg-js for the entropy decoding and the IDCT and by libjpeg-turbo's own
 * arithmetic for the rest: chroma upsampling (fancy_upscaling), YCbCr → RGB, the IDCT size each
 * component gets when scaling. What jpeg-js cannot do as libjpeg-turbo does, differs; measured
 * against TensorFlow 2.21 on photo-like images (gradients, hard edges, noise; quality 75 and 95,
 * 4:2:0 and 4:4:4, baseline and progressive), and case by case in tests/tf:
 * - the IDCT. jpeg-js has one, about as accurate as INTEGER_ACCURATE, with which gray (Y) values
 *   are within ±1 (7% of them differ) and RGB within ±3 (13%). TensorFlow's default, '' =
 *   INTEGER_FAST, is coarser: gray within ±9 (59%), RGB within ±11 (72%; 2.5% by more than 3).
 * - ratio 2, 4, 8: libjpeg's reduced IDCTs, here the rounded mean of each block of decoded
 *   samples: within ±12, up to 61% of values differ.
 * - a truncated file is an error whatever try_recover_truncated and acceptable_fraction say
 *   (TensorFlow can return the rows it read, the rest black or repeated); CMYK files are refused.
 * As in TensorFlow, whose decode ops share one kernel, a PNG decodes too (as DecodePng, uint8).
 */
export const DecodeJpeg = defineOp({
  name: 'DecodeJpeg',
  category: 'image',
  doc: "A JPEG file's bytes decoded to [height, width, channels] uint8 pixels as int32 (tf.io.decode_jpeg), within ±12 of TensorFlow's.",
  inputs: { contents: contentsInput },
  outputs: ['image'],
  attrs: {
    channels: channelsAttr,
    ratio: attr.int(1, { min: 1, max: 8, doc: 'scale down by 1, 2, 4 or 8' }),
    fancy_upscaling: attr.bool(true, { doc: "upsample chroma by libjpeg's triangle filter rather than by repeating" }),
    try_recover_truncated: attr.bool(false, { doc: "TensorFlow's; Tensorloom refuses a truncated file either way" }),
    acceptable_fraction: attr.float(1, {
      min: 0,
      max: 1,
      doc: "TensorFlow's share of rows a truncated file must give; Tensorloom refuses a truncated file either way",
    }),
    dct_method: attr.enumOf('', ['', 'INTEGER_FAST', 'INTEGER_ACCURATE'], {
      doc: "libjpeg's IDCT ('' is INTEGER_FAST); Tensorloom's decoder has one, close to INTEGER_ACCURATE's",
    }),
  },
  differentiable: false,
  // The image's size is known only from the file, which is read back from the device.
  awaits: true,
  infer: ({ contents }, { channels, ratio }) => {
    if (!RATIOS.includes(ratio))
      throw new InferError('attr', `ratio must be 1, 2, 4, or 8, got ${ratio}`, { attr: 'ratio' });
    return decodedType(contents, channels, 'uint8');
  },
  forward: async (tf, { contents }, { channels, ratio, fancy_upscaling }, { maxBytes }) => ({
    image: await decodeImageTensor(tf, contents, {
      op: 'DecodeJpeg',
      channels,
      dtype: 'uint8',
      jpeg: { ratio, fancyUpscaling: fancy_upscaling },
      maxBytes,
    }),
  }),
  code: () => IMAGE_DECODING_UNWRITABLE,
});
