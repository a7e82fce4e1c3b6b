import type { AnyOpSignature } from './op-signature';

/** A frozen name → op map, built from an explicit list. */
export type OpRegistry<S extends AnyOpSignature = AnyOpSignature> = ReadonlyMap<string, S>;

/** Builds a registry; a name listed twice is a programming error and fails at load. */
export function createRegistry<S extends AnyOpSignature>(ops: readonly S[]): OpRegistry<S> {
  const map = new Map<string, S>();
  for (const op of ops) {
    if (map.has(op.name)) throw new Error(`Op "${op.name}" is registered twice`);
    map.set(op.name, op);
  }
  return map;
}
