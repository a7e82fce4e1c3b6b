import { parseArgs } from 'node:util';
import { BACKENDS, type BackendName } from '../runtime/backend';
import { RuntimeWorker } from './runtime-worker';

const USAGE = `Usage: tensorloom run FILE.json [options]

Loads a Tensorloom graph file, runs it and prints each output's shape, dtype and values.

Options:
  --mode eager|graph     eager runs node by node and times each; graph runs the compiled plan (default)
  --output NAME          a node id or name to compute (repeatable); default: every node nothing reads
  --backend cpu|wasm     the tfjs backend (default cpu)
  --gradients TARGET     also print dTARGET/dOutput for every node TARGET depends on
  --limit N              print at most N values per tensor (default 100)
  --plan                 print the compiled plan
  --trust                run the file's script nodes (code from the file); without it they and
                         what depends on them are left out
  --json                 print the full report as JSON
  -h, --help             show this help

Scripts run in a worker thread: one that overruns its timeout_ms is stopped and reported, and the
other nodes run without it. A graph with no script to run runs on the main thread.

Exit status: 0 on success; 1 when the file or graph is invalid, a node fails or times out, or
script nodes were left out for want of --trust; 2 on bad usage.`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        mode: { type: 'string', default: 'graph' },
        output: { type: 'string', multiple: true },
        backend: { type: 'string', default: 'cpu' },
        gradients: { type: 'string' },
        limit: { type: 'string', default: '100' },
        plan: { type: 'boolean', default: false },
        trust: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
  const { values: opts, positionals } = parsed;
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, file, ...extra] = positionals;
  if (command !== 'run' || !file || extra.length)
    return usage(command && command !== 'run' ? `unknown command "${command}"` : 'expected: run FILE.json');
  const mode = opts.mode;
  if (mode !== 'eager' && mode !== 'graph') return usage(`--mode must be eager or graph, got "${mode}"`);
  const backend = opts.backend as BackendName;
  if (!BACKENDS.includes(backend) || backend === 'webgpu')
    return usage(`--backend must be cpu or wasm, got "${opts.backend}"`);
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) return usage(`--limit must be a positive integer, got "${opts.limit}"`);

  // --trust means scripts to run: their worker loads the runtime on the other core meanwhile.
  const worker = opts.trust ? new RuntimeWorker(backend) : null;
  const { runFile } = await import('./run-file');
  const { output: outputs, gradients, trust, plan, json } = opts;
  return runFile(file, { mode, backend, limit, outputs, gradients, trust, plan, json }, worker);
}

function usage(problem: string): number {
  console.error(`error: ${problem}\n\n${USAGE}`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
