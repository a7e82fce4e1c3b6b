import { z } from 'zod';
import { attrValueWith, checkTensorValues, graphFileWith, tensorWithValues } from './schema';

/** Version 1, the first release: a tensor's values are JSON numbers, nothing else. */
const tensorLiteralV1 = z.strictObject(tensorWithValues).superRefine(checkTensorValues);

/** An attribute value as version 1 wrote it (and the draft, version 0). */
export const attrValueV1 = attrValueWith(tensorLiteralV1);

export const graphFileV1 = graphFileWith(1, attrValueV1);
export type GraphFileV1 = z.infer<typeof graphFileV1>;

/** Version 2 only adds `base64` as a way to write a tensor's values: every version 1 file is one. */
export function upgradeV1(file: GraphFileV1) {
  return { ...file, version: 2 };
}
