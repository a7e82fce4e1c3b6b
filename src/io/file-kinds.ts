/** Signatures at the start of files people may try to open, and what to call them. */
const MAGIC: readonly { readonly bytes: readonly number[]; readonly offset?: number; readonly kind: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0x89, 0x48, 0x44, 0x46], kind: 'an HDF5 file (a Keras .h5 model)' },
  { bytes: [0x54, 0x46, 0x4c, 0x33], offset: 4, kind: 'a TensorFlow Lite model' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a zip archive (a .keras model, or files to unpack first)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: 'a PDF document' },
];

const BY_NAME: readonly { readonly pattern: RegExp; readonly kind: string }[] = [
  { pattern: /\.onnx$/i, kind: 'an ONNX model' },
  { pattern: /(^|\/)saved_model\.pb(txt)?$/i, kind: 'a TensorFlow SavedModel (saved_model.pb)' },
  { pattern: /\.pb(txt)?$/i, kind: 'a TensorFlow GraphDef protobuf' },
  { pattern: /\.(pt|pth)$/i, kind: 'a PyTorch model' },
  { pattern: /\.h5$/i, kind: 'an HDF5 file (a Keras .h5 model)' },
  { pattern: /\.tflite$/i, kind: 'a TensorFlow Lite model' },
  {
    pattern: /(^|\/)group\d+-shard\d+of\d+(\.bin)?$|\.bin$/i,
    kind: "a tfjs model's weight file, which needs its model.json",
  },
];

/** What the file is, when it is one of the kinds people try to open; null when unknown. */
export function knownFileKind(name: string, bytes: Uint8Array): string | null {
  for (const { bytes: magic, offset = 0, kind } of MAGIC)
    if (magic.every((b, i) => bytes[offset + i] === b)) return kind;
  return BY_NAME.find(({ pattern }) => pattern.test(name))?.kind ?? null;
}
