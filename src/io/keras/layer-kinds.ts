import { ACTIVATION_LAYERS } from './activation-layers';
import { CONV_LAYERS } from './conv-layers';
import { CORE_LAYERS } from './core-layers';
import { refused, type LayerKind } from './layer-kind';
import { MERGE_LAYERS } from './merge-layers';
import { NORMALIZATION_LAYERS } from './normalization-layers';
import { POOLING_LAYERS } from './pooling-layers';
import { RESHAPING_LAYERS } from './reshaping-layers';

/**
 * Why a layer Tensorloom cannot expand stops the whole import, where a GraphModel's unknown op
 * becomes an Unsupported node: that node keeps a TensorFlow op to export back, and a Keras layer is
 * none; nor are the shapes after it known, which the layers after it need to expand.
 */
const NOT_KEPT = 'a Keras layer is no TensorFlow op an Unsupported node could keep, so the model is not imported';

const FAMILIES = [
  CORE_LAYERS,
  CONV_LAYERS,
  POOLING_LAYERS,
  ACTIVATION_LAYERS,
  MERGE_LAYERS,
  NORMALIZATION_LAYERS,
  RESHAPING_LAYERS,
];

function byClass(families: readonly ReadonlyMap<string, LayerKind>[]): ReadonlyMap<string, LayerKind> {
  const kinds = new Map<string, LayerKind>();
  for (const family of families)
    for (const [name, kind] of family) {
      if (kinds.has(name)) throw new Error(`Keras layer ${name} is expanded twice`);
      kinds.set(name, kind);
    }
  return kinds;
}

const KINDS = byClass(FAMILIES);

const nestedModel = refused(`a model used as a layer is not read: save the model flattened (${NOT_KEPT})`);

const REFUSED: ReadonlyMap<string, LayerKind> = new Map([
  [
    'Lambda',
    refused(`its function is Python code (marshalled bytecode), which neither tfjs nor Tensorloom runs; ${NOT_KEPT}`),
  ],
  ['Sequential', nestedModel],
  ['Functional', nestedModel],
  ['Model', nestedModel],
]);

/** The kind of a layer class; a refusal, saying why, for those Tensorloom does not expand. */
export function layerKind(className: string): LayerKind {
  return (
    KINDS.get(className) ??
    REFUSED.get(className) ??
    refused(`Tensorloom does not know this layer class (a custom layer's code is not in model.json); ${NOT_KEPT}`)
  );
}
