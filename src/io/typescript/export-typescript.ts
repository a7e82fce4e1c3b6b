import type { OpRegistry } from '../../graph/registry';
import type { Graph } from '../../graph/types';
import { validateGraph } from '../../graph/validate';
import type { AnyOpDef } from '../../ops/define-op';
import { exportGraphModel } from '../graph-model/export-graph-model';
import { MODULE_NAMES } from './module-helpers';
import { planModule } from './module-plan';
import { moduleText } from './module-text';

export type TypeScriptExport =
  | {
      readonly ok: true;
      /** model.ts, and the weight shards it loads its large constants from, if any. */
      readonly files: ReadonlyMap<string, string | Uint8Array>;
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

/**
 * The graph as one readable TypeScript module that computes the same with @tensorflow/tfjs: a
 * function from the graph's inputs (its Placeholders) to its outputs (the nodes nothing reads),
 * each op written as its `code` says, scripts as functions of their own, small constants inline
 * and large ones read from the weight shards a GraphModel export writes.
 */
export function exportTypeScript(graph: Graph, registry: OpRegistry<AnyOpDef>): TypeScriptExport {
  const validation = validateGraph(graph, registry);
  if (!validation.ok) {
    const [first] = validation.diagnostics;
    return { ok: false, message: `the graph has problems to fix first: ${first!.message}` };
  }
  // The helpers' names are known once every op is written: the second pass keeps variables clear of them.
  const first = planModule(validation, registry, MODULE_NAMES);
  if (!first.ok) return first;
  const planned = planModule(validation, registry, [...MODULE_NAMES, ...first.plan.helpers.keys()]);
  if (!planned.ok) return planned;
  const { plan } = planned;
  const model = exportGraphModel(graph, registry);
  if (!model.ok) return model;
  const files = new Map<string, string | Uint8Array>([['model.ts', moduleText(graph, plan, model.modelJson)]]);
  if (plan.weights.length) for (const [path, bytes] of model.shards) files.set(path, bytes);
  return { ok: true, files, notes: plan.notes };
}
