import type { Checked } from './issues';

/**
 * Version 3 only adds `settings` (how the document runs): every version 2 file without that field
 * is a version 3 file once its version says so. Nothing else differs, so the current schema checks
 * the rest at the same paths; checking it twice would double the cost of opening a large file.
 */
export function migrateV2(doc: unknown): Checked<unknown> {
  if (Object.hasOwn(doc as object, 'settings'))
    return { ok: false, issues: [{ path: '', message: 'unknown field "settings" (version 3 added it)' }] };
  return { ok: true, value: { ...(doc as object), version: 3 } };
}
