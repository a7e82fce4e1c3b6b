import { readFileSync } from 'node:fs';

/** The text of a file, by its path from the repository root. */
export function readRepoFile(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
}
