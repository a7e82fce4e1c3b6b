import { readFile } from 'node:fs/promises';
import { parseGraphFile, type GraphImport } from '../io/graph-file';
import { shownMessage } from './terminal-text';

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
  console.error(`error: ${file}: ${shownMessage(loaded.error.message)}`);
  // Paths and messages quote the file: printed as data (terminal-text).
  for (const issue of loaded.error.issues)
    console.error(`  ${shownMessage(issue.path)}: ${shownMessage(issue.message)}`);
  return null;
}
