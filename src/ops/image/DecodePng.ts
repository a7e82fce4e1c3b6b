import { defineOp } from '../define-op';
import {
  channelsAttr,
  contentsInput,
  decodedType,
  decodeImageTensor,
  DEFAULT_JPEG,
  dtypeAttr,
  dtypeMapping,
  IMAGE_DECODING_UNWRITABLE,
  type ImageDtype,
} from './decode-image-bytes';

const DTYPES: readonly ImageDtype[] = ['uint8', 'uint16'];

/**
 * tf.io.decode_png, with TensorFlow's libpng settings: palettes and low bit depths expanded, tRNS
 * as alpha where alpha is asked for, an 8-bit PNG as uint16 scaled by 257, a 16-bit one as uint8
 * cut to its high byte, RGB → gray by libpng's BT.601 weights, in linear light where an 8-bit file
 * states its gamma (gAMA or sRGB). Differences: a 16-bit file that states a gamma is weighed as
 * stored, and an embedded ICC profile is not read (libpng takes a known sRGB profile's gamma). As
 * in TensorFlow, whose decode ops share one kernel, a JPEG decodes too, as DecodeImage would (see
 * DecodeJpeg for how far it can be from TensorFlow's).
 */
export const DecodePng = defineOp({
  name: 'DecodePng',
  category: 'image',
  doc: "A PNG file's bytes decoded to [height, width, channels] pixels, uint8 or uint16 as int32 (tf.io.decode_png).",
  inputs: { contents: contentsInput },
  outputs: ['image'],
  attrs: { channels: channelsAttr, dtype: dtypeAttr(DTYPES) },
  tf: dtypeMapping(DTYPES),
  differentiable: false,
  // The image's size is known only from the file, which is read back from the device.
  awaits: true,
  infer: ({ contents }, { channels, dtype }) => decodedType(contents, channels, dtype),
  forward: async (tf, { contents }, { channels, dtype }, { maxBytes }) => ({
    image: await decodeImageTensor(tf, contents, { op: 'DecodePng', channels, dtype, jpeg: DEFAULT_JPEG, maxBytes }),
  }),
  code: () => IMAGE_DECODING_UNWRITABLE,
});
