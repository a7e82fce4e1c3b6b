import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseGraphFile } from '../io/graph-file';
import { registerOpsSource } from '../io/graph-model/custom-ops';
import { exportGraphModel } from '../io/graph-model/export-graph-model';
import { prettyJson, type Json } from '../io/json-text';
import { registry } from '../ops/registry';

/**
 * `tensorloom export GRAPH.json --format graph-model --out DIR`: model.json, its weight shards and,
 * for a graph with scripts, register-ops.ts. The exit status.
 */
export async function exportGraph(file: string, outDir: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    console.error(`error: cannot read ${file}: ${(e as Error).message}`);
    return 1;
  }
  const loaded = parseGraphFile(text);
  if (!loaded.ok) {
    console.error(`error: ${file}: ${loaded.error.message}`);
    return 1;
  }
  const exported = exportGraphModel(loaded.graph, registry, { producer: file });
  if (!exported.ok) {
    console.error(`error: ${file}: ${exported.message}`);
    return 1;
  }
  await mkdir(outDir, { recursive: true });
  const written = ['model.json'];
  await writeFile(join(outDir, 'model.json'), `${prettyJson(exported.modelJson as unknown as Json)}\n`);
  for (const [name, bytes] of exported.shards) {
    await writeFile(join(outDir, name), bytes);
    written.push(name);
  }
  if (exported.customOps.size) {
    await writeFile(join(outDir, 'register-ops.ts'), registerOpsSource(loaded.graph, exported.customOps));
    written.push('register-ops.ts');
  }
  for (const note of exported.notes) console.error(`note: ${note}`);
  console.error(`wrote ${written.join(', ')} to ${outDir}`);
  if (exported.customOps.size)
    console.error(
      'its scripts are custom ops: import register-ops.ts before tf.loadGraphModel, and run with executeAsync',
    );
  return 0;
}
