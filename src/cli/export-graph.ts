import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registerOpsSource } from '../io/graph-model/custom-ops';
import { exportGraphModel } from '../io/graph-model/export-graph-model';
import { prettyJson, type Json } from '../io/json-text';
import { exportTypeScript } from '../io/typescript/export-typescript';
import type { Graph } from '../graph/types';
import { registry } from '../ops/registry';
import { readGraphFile } from './read-graph-file';
import { shownMessage } from './terminal-text';

export type ExportFormat = 'graph-model' | 'ts';

/** What an export writes, what to note about it, and how to use it. */
type Written =
  | { ok: true; files: ReadonlyMap<string, string | Uint8Array>; notes: readonly string[]; use?: string }
  | { ok: false; message: string };

/**
 * `tensorloom export GRAPH.json --format graph-model|ts --out DIR`: a GraphModel (model.json, its
 * weight shards and, for a graph with scripts, register-ops.ts), or a TypeScript module (model.ts
 * and the shards of its large constants). The exit status.
 */
export async function exportGraph(file: string, outDir: string, format: ExportFormat): Promise<number> {
  const loaded = await readGraphFile(file);
  if (!loaded) return 1;
  const exported = format === 'ts' ? typeScriptFiles(loaded.graph) : graphModelFiles(loaded.graph, file);
  if (!exported.ok) {
    console.error(`error: ${file}: ${shownMessage(exported.message)}`);
    return 1;
  }
  await mkdir(outDir, { recursive: true });
  for (const [name, content] of exported.files) await writeFile(join(outDir, name), content);
  // Notes and messages quote the graph's names: printed as data (terminal-text).
  for (const note of exported.notes) console.error(`note: ${shownMessage(note)}`);
  console.error(`wrote ${[...exported.files.keys()].join(', ')} to ${outDir}`);
  if (exported.use) console.error(exported.use);
  return 0;
}

function graphModelFiles(graph: Graph, producer: string): Written {
  const exported = exportGraphModel(graph, registry, { producer });
  if (!exported.ok) return exported;
  const files = new Map<string, string | Uint8Array>([
    ['model.json', `${prettyJson(exported.modelJson as unknown as Json)}\n`],
    ...exported.shards,
  ]);
  if (!exported.customOps.size) return { ok: true, files, notes: exported.notes };
  files.set('register-ops.ts', registerOpsSource(graph, exported.customOps));
  return {
    ok: true,
    files,
    notes: exported.notes,
    use: 'its scripts are custom ops: import register-ops.ts before tf.loadGraphModel, and run with executeAsync',
  };
}

function typeScriptFiles(graph: Graph): Written {
  const exported = exportTypeScript(graph, registry);
  if (!exported.ok) return exported;
  const weights = exported.files.size > 1;
  return {
    ...exported,
    use: `model.ts exports run, from the graph's inputs to its outputs${weights ? ', and loadWeights, which reads the shards beside it' : ''}`,
  };
}
