import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { serializeGraph } from '../io/graph-file';
import { openFiles } from '../io/open-files';
import { registry } from '../ops/registry';
import { shownMessage } from './terminal-text';

/**
 * `tensorloom import MODEL.json [-o GRAPH.json]`: the model (its weight files are read from beside
 * it, as its manifest names them) as a Tensorloom graph file; notes go to stderr. The exit status.
 */
export async function importModel(file: string, out: string | undefined): Promise<number> {
  const files = new Map<string, Uint8Array>();
  try {
    files.set(file, await readFile(file));
  } catch (e) {
    console.error(`error: cannot read ${file}: ${(e as Error).message}`);
    return 1;
  }
  for (const path of manifestPaths(files.get(file)!)) {
    const bytes = await readFile(join(dirname(file), path)).catch(() => null);
    if (bytes) files.set(join(dirname(file), path), bytes);
  }
  const opened = await openFiles(
    files,
    registry,
    async () => (await import('../io/keras/import-layers-model')).importLayersModel,
  );
  if (!opened.ok) {
    // Messages quote the model's names: printed as data (terminal-text).
    console.error(`error: ${shownMessage(opened.message)}`);
    for (const line of opened.details) console.error(`  ${shownMessage(line)}`);
    return 1;
  }
  for (const note of opened.notes) console.error(`note: ${shownMessage(note.message)}`);
  const text = serializeGraph(opened.graph);
  if (out) await writeFile(out, text);
  else process.stdout.write(text);
  if (out) console.error(`${opened.graph.nodes.length} nodes, ${opened.graph.edges.length} edges written to ${out}`);
  return 0;
}

/** The weight files a model.json names, if it is one; none for anything else. */
function manifestPaths(bytes: Uint8Array): string[] {
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { weightsManifest?: { paths?: unknown }[] };
    return (json.weightsManifest ?? []).flatMap((group) => (Array.isArray(group.paths) ? group.paths : [])) as string[];
  } catch {
    return [];
  }
}
