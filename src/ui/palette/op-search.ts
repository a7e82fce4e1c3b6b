import type { OpCategory } from '../../graph/op-signature';
import type { AnyOpDef } from '../../ops/define-op';
import { OPS } from '../../ops/registry';

export const CATEGORY_LABELS: Record<OpCategory, string> = {
  inputs: 'Inputs & constants',
  math: 'Math',
  comparison: 'Comparison & logic',
  activation: 'Activations',
  linalg: 'Linear algebra',
  reduction: 'Reductions',
  shape: 'Shape',
  random: 'Random',
  conv: 'Convolution & pooling',
  image: 'Images',
  script: 'Scripts',
  imported: 'Imported',
};

/** The ops a user can add; the rest only come with an import. */
const PLACEABLE = OPS.filter((op) => op.placeable !== false);

/** Ops whose name, category or doc matches every word of `query`, best (name prefix) first. */
export function searchOps(query: string, ops: readonly AnyOpDef[] = PLACEABLE): AnyOpDef[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...ops];
  const text = (op: AnyOpDef) => `${op.name} ${CATEGORY_LABELS[op.category]} ${op.doc}`.toLowerCase();
  const score = (op: AnyOpDef) =>
    op.name.toLowerCase().startsWith(words[0]!) ? 0 : op.name.toLowerCase().includes(words[0]!) ? 1 : 2;
  return ops.filter((op) => words.every((w) => text(op).includes(w))).sort((a, b) => score(a) - score(b));
}

export function groupByCategory(ops: readonly AnyOpDef[]): [OpCategory, AnyOpDef[]][] {
  const groups = new Map<OpCategory, AnyOpDef[]>();
  for (const op of ops) groups.set(op.category, [...(groups.get(op.category) ?? []), op]);
  return [...groups];
}
