import { attr, fileInfo } from '../../graph/attrs';
import { defineOp } from '../define-op';

/** Large enough for a photo, small enough that the graph file carrying it stays easy to share. */
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * A file the user opened, as its raw bytes (int32 values 0–255: tfjs has no uint8). The graph
 * carries the file itself, so it runs anywhere; a script decodes it (`tf.io.read_file`'s analog).
 */
export const FileBytes = defineOp({
  name: 'FileBytes',
  category: 'inputs',
  doc: "A file's bytes (0–255, int32), kept in the graph; open a file in the side panel.",
  inputs: {},
  outputs: ['bytes'],
  attrs: {
    file: attr.file({ maxBytes: MAX_BYTES, doc: 'any file: an image, a CSV, a binary' }),
  },
  kind: 'feed',
  infer: (_, { file }) => ({ bytes: { dtype: 'int32', shape: [fileInfo(file)?.bytes ?? 0] } }),
  forward: (tf, _, { file }) => ({ bytes: tf.tensor1d(fileBytes(file), 'int32') }),
  // The file's bytes as they are now: a module has no side panel to open another.
  code: ({ attrs: { file } }) => {
    const bytes = fileBytes(file);
    return { constant: { dtype: 'int32', shape: [bytes.length], values: bytes } };
  },
});

function fileBytes(file: string): Int32Array {
  const text = file ? atob(file.slice(file.indexOf(',') + 1)) : '';
  const bytes = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
