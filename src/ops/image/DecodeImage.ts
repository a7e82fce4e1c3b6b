import { attr } from '../../graph/attrs';
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

const DTYPES: readonly ImageDtype[] = ['uint8', 'uint16', 'float32'];

/**
 * tf.io.decode_image: a PNG as DecodePng, a JPEG as DecodeJpeg with its defaults, or an
 * uncompressed BMP, told apart by their first bytes. TensorFlow also reads GIF, WebP and JPEG XL,
 * which are refused here with a message that says so; so `expand_animations`, which only adds a
 * frames dimension to those, changes nothing. float32 is the value over 255 (a PNG: its 16-bit
 * value over 65535), uint16 from a JPEG or BMP the value times 256, as TensorFlow scales them.
 */
export const DecodeImage = defineOp({
  name: 'DecodeImage',
  category: 'image',
  doc: "A PNG, JPEG or BMP file's bytes decoded to [height, width, channels] pixels (tf.io.decode_image).",
  inputs: { contents: contentsInput },
  outputs: ['image'],
  attrs: {
    channels: channelsAttr,
    dtype: dtypeAttr(DTYPES),
    expand_animations: attr.bool(true, { doc: 'frames of an animated GIF as a 4-D tensor: Tensorloom reads no GIF' }),
  },
  tf: dtypeMapping(DTYPES),
  differentiable: false,
  // The image's size is known only from the file, which is read back from the device.
  awaits: true,
  infer: ({ contents }, { channels, dtype }) => decodedType(contents, channels, dtype),
  forward: async (tf, { contents }, { channels, dtype }, { maxBytes }) => ({
    image: await decodeImageTensor(tf, contents, { op: 'DecodeImage', channels, dtype, jpeg: DEFAULT_JPEG, maxBytes }),
  }),
  code: () => IMAGE_DECODING_UNWRITABLE,
});
