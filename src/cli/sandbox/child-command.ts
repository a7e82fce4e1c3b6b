import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Boundary } from './boundary';

export interface ChildCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/**
 * What the script process's bundle leaves to node_modules: the backends that find their binaries
 * beside their own code. The bundle defines `require`, for the CommonJS code it holds. Keep both in
 * step with package.json's build:cli (a test checks).
 */
export const CHILD_EXTERNALS = ['@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'];
export const CHILD_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * The command that starts the script process inside `boundary`: Node's permission model, reading
 * only the process's own bundle and node_modules (workers allowed, for the module hooks that lock
 * imports: their threads are fenced in as the process is). The build has the bundle beside the
 * runner (dist-cli/cli/child-main.js); from the sources it is bundled first, into a temporary folder.
 */
export async function childCommand(boundary: Extract<Boundary, { ok: true }>): Promise<ChildCommand> {
  const require = createRequire(import.meta.url);
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = fromSources ? await bundleFromSources() : fileURLToPath(new URL('./child-main.js', import.meta.url));
  const own = fromSources ? dirname(entry) : fileURLToPath(new URL('..', import.meta.url));
  const readable = new Set([own, ...CHILD_EXTERNALS.map((name) => modulesDir(require.resolve(name)))]);
  const [command, ...args] = [
    ...boundary.wrapper,
    process.execPath,
    boundary.permissionFlag,
    ...[...readable].map((path) => `--allow-fs-read=${path}`),
    '--allow-worker',
    // Its warnings (the permission model is experimental) would bind the console to Node's own
    // standard streams before lockdown.ts replaces them.
    '--no-warnings',
    entry,
  ];
  return { command: command!, args, cwd: own };
}

/** The node_modules folder that holds a resolved module file. */
function modulesDir(file: string): string {
  const marker = `${sep}node_modules${sep}`;
  return file.slice(0, file.lastIndexOf(marker) + marker.length - 1);
}

/**
 * From the sources, the process's bundle as the build makes it (tsx cannot compile inside the
 * process: it starts esbuild as a child process). Its externals are imported by absolute URL, as
 * the temporary folder has no node_modules to find them in. Removed when the runner exits.
 */
async function bundleFromSources(): Promise<string> {
  const { build } = await import('esbuild');
  const require = createRequire(import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), 'tensorloom-script-process-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const outfile = join(dir, 'child-main.js');
  await build({
    entryPoints: [fileURLToPath(new URL('./child-main.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: CHILD_BANNER },
    outfile,
    logLevel: 'warning',
    plugins: [
      {
        name: 'externals-by-url',
        setup(externals) {
          const filter = new RegExp(`^(${CHILD_EXTERNALS.join('|')})$`);
          externals.onResolve({ filter }, ({ path }) => ({
            path: pathToFileURL(require.resolve(path)).href,
            external: true,
          }));
        },
      },
    ],
  });
  return outfile;
}
