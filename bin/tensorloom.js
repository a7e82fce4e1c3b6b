#!/usr/bin/env node
// `npm ci` builds the runner into dist-cli (package.json "prepare"), so that it starts without
// compiling TypeScript first: tsx would add over a second to every run.
import { existsSync } from 'node:fs';

const built = new URL('../dist-cli/cli/main.js', import.meta.url);
if (existsSync(built)) await import(built.href);
else {
  // Installed with --ignore-scripts, or dist-cli deleted: the sources run the same, only slower to
  // start, so run them rather than refuse, and say how to get the fast start back.
  console.error(
    'tensorloom: no build in dist-cli, running from the TypeScript sources (slow to start); `npm run build:cli` builds it',
  );
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
