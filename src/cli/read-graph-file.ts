import { readFile } from 'node:fs/promises';
import { parseGraphFile, type GraphImport } from '../io/graph-file';

/** The graph file a command was given, read, or null once why it cannot be is printed, issue by issue. */
export async function readGraphFile(file: string): Promise<Extract<GraphImport, { ok: true }> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    console.error(`error: cannot read ${file}: ${(e as Error).message}`);
    return null;
  }
  const loaded = parseGraphFile(text);
  if (loaded.ok) return loaded;
  console.error(`error: ${file}: ${loaded.error.message}`);
  for (const issue of loaded.error.issues) console.error(`  ${issue.path}: ${issue.message}`);
  return null;
}
