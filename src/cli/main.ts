import { parseArgs } from 'node:util';
import { BACKENDS, type BackendName } from '../runtime/backend';
import { PASS_NAMES, type PassName } from '../runtime/plan';
import type { ExportFormat } from './export-graph';
import type { ScriptPlace } from './run-file';
import { sandboxBoundary, sandboxFacts } from './sandbox/boundary';
import { childCommand } from './sandbox/child-command';
import { ScriptProcesses } from './script-processes';

const EXPORT_FORMATS: readonly ExportFormat[] = ['graph-model', 'ts'];

const USAGE = `Usage: tensorloom run FILE.json [options]
       tensorloom train FILE.json [--steps N | --epochs N] [--every K] [-o TRAINED.json] [--json] [--trust]
       tensorloom import MODEL.json [-o GRAPH.json]
       tensorloom export GRAPH.json [--format graph-model|ts] --out DIR

run: loads a Tensorloom graph file, runs it and prints each output's shape, dtype and values.
train: trains the graph as its "training" setup says (loss, optimizer, steps), printing the loss
  every K steps (default 50) and, with a dataset node, the test split's loss and accuracy; -o writes
  the graph with its variables holding the trained values. --steps or --epochs (passes over the
  dataset node's training split) overrides how long the setup trains. A graph with script nodes
  (a generator of its batches) trains only with --trust, in the scripts' process (below).
import: a tfjs model (a GraphModel or Keras layers-model: model.json, its weight files beside it)
  as a Tensorloom graph file, written to GRAPH.json or printed.
export: the graph as a tfjs GraphModel in DIR (model.json, weight shards, and register-ops.ts for
  its scripts), which tf.loadGraphModel runs; or with --format ts, as one TypeScript module,
  model.ts, whose run computes the graph with @tensorflow/tfjs (its large constants read from
  weight shards beside it).

Options of run:
  --mode eager|graph     eager runs node by node and times each; graph runs the compiled plan (default)
  --output NAME          a node id or name to compute (repeatable); default: in graph mode the nodes
                         the file's settings say it returns, else every node nothing reads
  --backend cpu|wasm     the tfjs backend (default cpu)
  --gradients TARGET     also print dTARGET/dOutput for every node TARGET depends on
  --limit N              print at most N values per tensor (default 100)
  --max-bytes N          refuse, before it is allocated, a tensor of more than N bytes (default:
                         1 GiB, a fraction of what the backend can hold)
  --passes LIST          graph mode's optimizer passes, in Grappler's order: all, none, or names
                         from prune,fold,cse,simplify,fuse (default: as the file's settings say, else all)
  --plan                 print the compiled plan, with what each pass did
  --trust                run the file's script nodes (code from the file); without it they and
                         what depends on them are left out
  --json                 print the full report as JSON
  -h, --help             show this help

Trusted scripts run in a separate process with no more power than in the browser: no files, no
network, no processes, no environment (README: "Scripts in the CLI"). Where that cannot be
enforced (Node.js before 25 without Linux namespaces), --trust leaves them out and says why. A
script that overruns its timeout_ms is interrupted, or where that cannot be done its process is
killed and the graph runs again without it. A graph with no script to run runs in the runner's
own process.

Exit status: 0 on success; 1 when the file or graph is invalid, a node fails or times out, or
script nodes were left out; 2 on bad usage.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'import' || command === 'export') return fileCommand(command, rest);
  if (command === 'train') return trainCommand(rest);
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
        'max-bytes': { type: 'string' },
        passes: { type: 'string' },
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
  const [, file, ...extra] = positionals;
  if (command !== 'run' || !file || extra.length)
    return usage(command && command !== 'run' ? `unknown command "${command}"` : 'expected: run FILE.json');
  const mode = opts.mode;
  if (mode !== 'eager' && mode !== 'graph') return usage(`--mode must be eager or graph, got "${mode}"`);
  const backend = opts.backend as BackendName;
  if (!BACKENDS.includes(backend) || backend === 'webgpu')
    return usage(`--backend must be cpu or wasm, got "${opts.backend}"`);
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) return usage(`--limit must be a positive integer, got "${opts.limit}"`);
  const maxBytes = opts['max-bytes'] === undefined ? null : Number(opts['max-bytes']);
  if (maxBytes !== null && !(Number.isSafeInteger(maxBytes) && maxBytes > 0))
    return usage(`--max-bytes must be a positive whole number of bytes, got "${opts['max-bytes']}"`);

  const passes = opts.passes === undefined ? undefined : passList(opts.passes);
  if (passes === null)
    return usage(`--passes must be all, none or a list from ${PASS_NAMES.join(',')}, got "${opts.passes}"`);
  if (passes && mode === 'eager')
    return usage("--passes chooses graph mode's optimizer passes: eager mode runs every node as written");

  const place = scriptPlace(opts.trust, backend, maxBytes);
  const { runFile } = await import('./run-file');
  const { output: outputs, gradients, plan, json } = opts;
  return runFile(file, { mode, backend, limit, outputs, gradients, maxBytes, plan, json, passes }, place);
}

/** `all`, `none` or comma-separated pass names, as a list in Grappler's order; null when not that. */
function passList(text: string): PassName[] | null {
  if (text === 'all') return [...PASS_NAMES];
  if (text === 'none') return [];
  const names = text.split(',').map((name) => name.trim());
  if (!names.every((name) => (PASS_NAMES as readonly string[]).includes(name))) return null;
  return PASS_NAMES.filter((pass) => names.includes(pass));
}

/** With --trust, where scripts will run; the first process loads the runtime on the other core meanwhile. */
function scriptPlace(trust: boolean, backend: BackendName, maxBytes: number | null): ScriptPlace {
  if (!trust) return { untrusted: true };
  const boundary = sandboxBoundary(sandboxFacts());
  if (!boundary.ok) return { refused: boundary.reason };
  const processes = new ScriptProcesses({ command: childCommand(boundary), backend, maxBytes });
  processes.warm();
  return { processes };
}

async function trainCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        steps: { type: 'string' },
        epochs: { type: 'string' },
        every: { type: 'string', default: '50' },
        out: { type: 'string', short: 'o' },
        backend: { type: 'string', default: 'cpu' },
        json: { type: 'boolean', default: false },
        trust: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
  const { values: opts, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (!file || extra.length) return usage('expected: train FILE.json');
  if (opts.steps !== undefined && opts.epochs !== undefined) return usage('give --steps or --epochs, not both');
  const steps = opts.steps === undefined ? null : positiveInteger(opts.steps);
  if (steps === undefined) return usage(`--steps must be a positive integer, got "${opts.steps}"`);
  const epochs = opts.epochs === undefined ? null : positiveInteger(opts.epochs);
  if (epochs === undefined) return usage(`--epochs must be a positive integer, got "${opts.epochs}"`);
  const length = steps !== null ? { steps } : epochs !== null ? { epochs } : null;
  const every = positiveInteger(opts.every);
  if (every === undefined) return usage(`--every must be a positive integer, got "${opts.every}"`);
  const backend = opts.backend as BackendName;
  if (!BACKENDS.includes(backend) || backend === 'webgpu')
    return usage(`--backend must be cpu or wasm, got "${opts.backend}"`);
  const place = scriptPlace(opts.trust, backend, null);
  const { trainFile } = await import('./train-file');
  return trainFile(file, { backend, length, every, out: opts.out ?? null, json: opts.json }, place);
}

/** The integer ≥ 1 that `text` spells, else undefined. */
function positiveInteger(text: string): number | undefined {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** `import` and `export`: a file in, files out. */
async function fileCommand(command: 'import' | 'export', argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        format: { type: 'string', default: 'graph-model' },
      },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
  const { values: opts, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (!file || extra.length) return usage(`expected: ${command} ${command === 'import' ? 'MODEL.json' : 'GRAPH.json'}`);
  if (command === 'import') return (await import('./import-model')).importModel(file, opts.out);
  const format = opts.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) return usage(`--format must be graph-model or ts, got "${opts.format}"`);
  if (!opts.out) return usage('export needs --out DIR');
  return (await import('./export-graph')).exportGraph(file, opts.out, format);
}

function usage(problem: string): number {
  console.error(`error: ${problem}\n\n${USAGE}`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
