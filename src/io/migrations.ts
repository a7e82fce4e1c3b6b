import type { z } from 'zod';
import { draftV0, upgradeDraftV0 } from './draft-v0';
import { check, type Checked } from './issues';
import { CURRENT_VERSION } from './schema';
import { graphFileV1, upgradeV1 } from './version-1';
import { migrateV2 } from './version-2';

/** Checks a document of one version against that version's schema and rewrites it as the next version. */
export type Migration = (doc: unknown) => Checked<unknown>;

function migration<S extends z.ZodType>(schema: S, upgrade: (doc: z.output<S>) => unknown): Migration {
  return (doc) => {
    const checked = check(schema, doc);
    return checked.ok ? { ok: true, value: upgrade(checked.value) } : checked;
  };
}

/**
 * `MIGRATIONS[n]` takes a document of version n to version n + 1, so it holds CURRENT_VERSION entries.
 * Each step validates before rewriting (or, where the next version only adds a field, refuses that
 * field), so problems in an old file are reported at the paths of that file, as its author wrote them.
 */
export const MIGRATIONS: readonly Migration[] = [
  migration(draftV0, upgradeDraftV0),
  migration(graphFileV1, upgradeV1),
  migrateV2,
];

/** Brings a document of version `from` up to CURRENT_VERSION, one version at a time. */
export function migrate(doc: unknown, from: number): Checked<unknown> {
  let current: Checked<unknown> = { ok: true, value: doc };
  for (let version = from; version < CURRENT_VERSION && current.ok; version++)
    current = MIGRATIONS[version]!(current.value);
  return current;
}
