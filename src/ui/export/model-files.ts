import type { Graph } from '../../graph/types';
import { registerOpsSource } from '../../io/graph-model/custom-ops';
import { exportGraphModel } from '../../io/graph-model/export-graph-model';
import { prettyJson, type Json } from '../../io/json-text';
import { exportTypeScript } from '../../io/typescript/export-typescript';
import { registry } from '../../ops/registry';

export type ExportedFiles =
  | { readonly ok: true; readonly files: ReadonlyMap<string, Uint8Array | string>; readonly notes: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** What Export… offers: each format's name in the dialog, and the files it makes of a graph. */
export const EXPORT_FORMATS = {
  'graph-model': {
    label: 'GraphModel',
    title: 'Export as a TensorFlow.js GraphModel',
    action: 'Export GraphModel',
    files: graphModelFiles,
  },
  typescript: {
    label: 'TypeScript module',
    title: 'Export as a TypeScript module',
    action: 'Export TypeScript',
    files: typeScriptFiles,
  },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** The graph as the files of a tfjs GraphModel, register-ops.ts among them when it has scripts. */
export function graphModelFiles(graph: Graph): ExportedFiles {
  const exported = exportGraphModel(graph, registry, { producer: graph.name ?? 'Tensorloom' });
  if (!exported.ok) return exported;
  const files = new Map<string, Uint8Array | string>([
    ['model.json', `${prettyJson(exported.modelJson as unknown as Json)}\n`],
    ...exported.shards,
  ]);
  if (exported.customOps.size) files.set('register-ops.ts', registerOpsSource(graph, exported.customOps));
  return { ok: true, files, notes: exported.notes };
}

/** The graph as model.ts, one module that computes it with tfjs, and the weight shards of its large constants. */
export function typeScriptFiles(graph: Graph): ExportedFiles {
  return exportTypeScript(graph, registry);
}
