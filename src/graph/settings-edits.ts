import { OPTIMIZER_PASSES, type DocumentSettings } from './document-settings';

export type OptimizerPass = (typeof OPTIMIZER_PASSES)[number];

/** Graph mode's passes that run, in the optimizer's order. */
export function enabledPasses(settings: DocumentSettings): readonly OptimizerPass[] {
  return settings.passes ?? OPTIMIZER_PASSES;
}

/** The settings with one pass switched on or off; all of them on is said by leaving `passes` out. */
export function withPass(settings: DocumentSettings, pass: OptimizerPass, on: boolean): DocumentSettings {
  const enabled = new Set(enabledPasses(settings));
  if (on) enabled.add(pass);
  else enabled.delete(pass);
  const { passes: _, ...rest } = settings;
  return enabled.size === OPTIMIZER_PASSES.length
    ? rest
    : { ...rest, passes: OPTIMIZER_PASSES.filter((p) => enabled.has(p)) };
}

/**
 * The nodes graph mode returns: the document's outputs, else `implicit` (the runner's: every node
 * that can run and that nothing which can run reads).
 */
export function returnedIds(settings: DocumentSettings, implicit: readonly string[]): readonly string[] {
  return settings.outputs ?? implicit;
}

/**
 * The settings with node `id` returned by the graph or not. The first choice turns the implicit
 * list into an explicit one; taking the last node out goes back to the implicit list.
 */
export function withReturned(
  settings: DocumentSettings,
  id: string,
  returned: boolean,
  implicit: readonly string[],
): DocumentSettings {
  const current = returnedIds(settings, implicit);
  const next = returned ? (current.includes(id) ? current : [...current, id]) : current.filter((o) => o !== id);
  return withOutputs(settings, next);
}

/** The settings once nodes are deleted: they are no longer returned. */
export function withoutNodes(settings: DocumentSettings, ids: ReadonlySet<string>): DocumentSettings {
  if (!settings.outputs?.some((o) => ids.has(o))) return settings;
  return withOutputs(
    settings,
    settings.outputs.filter((o) => !ids.has(o)),
  );
}

function withOutputs(settings: DocumentSettings, outputs: readonly string[]): DocumentSettings {
  const { outputs: _, ...rest } = settings;
  return outputs.length ? { ...rest, outputs } : rest;
}
