import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseGraphFile } from '../io/graph-file';
import { BACKENDS, selectBackend, type BackendName } from '../runtime/backend';
import { Session } from '../runtime/session';
import { formatDiagnostics, formatReport, formatSummary } from './format';

const USAGE = `Usage: tensorloom run FILE.json [options]

Loads a Tensorloom graph file, runs it and prints each output's shape, dtype and values.

Options:
  --mode eager|graph     eager runs node by node and times each; graph runs the compiled plan (default)
  --output NAME          a node id or name to compute (repeatable); default: every node nothing reads
  --backend cpu|wasm     the tfjs backend (default cpu)
  --gradients TARGET     also print dTARGET/dOutput for every node TARGET depends on
  --limit N              print at most N values per tensor (default 100)
  --plan                 print the compiled plan
  --json                 print the full report as JSON
  -h, --help             show this help

Exit status: 0 on success, 1 when the file or graph is invalid or a node fails, 2 on bad usage.`;

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
  if (opts.mode !== 'eager' && opts.mode !== 'graph') return usage(`--mode must be eager or graph, got "${opts.mode}"`);
  if (!BACKENDS.includes(opts.backend as BackendName) || opts.backend === 'webgpu')
    return usage(`--backend must be cpu or wasm, got "${opts.backend}"`);
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) return usage(`--limit must be a positive integer, got "${opts.limit}"`);

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
    for (const issue of loaded.error.issues) console.error(`  ${issue.path}: ${issue.message}`);
    return 1;
  }

  // Production mode drops tfjs's debug checks and its advice to install tfjs-node.
  tf.enableProdMode();
  const backend = await selectBackend(tf, opts.backend as BackendName);
  const session = new Session(tf, backend);
  const report = await session.run(loaded.graph, {
    mode: opts.mode,
    previewLimit: limit,
    ...(opts.output && { outputs: opts.output }),
  });
  const gradients =
    opts.gradients && report.ok ? await session.computeGradients(loaded.graph, opts.gradients, limit) : null;
  session.dispose();

  if (opts.json) {
    console.log(
      JSON.stringify(
        { file, name: loaded.graph.name ?? null, migratedFrom: loaded.migratedFrom, run: report, gradients },
        null,
        2,
      ),
    );
  } else {
    if (report.diagnostics.length) console.error(formatDiagnostics(report.diagnostics));
    if (report.plan !== null && (report.ok || report.error)) {
      if (loaded.graph.name) console.log(`${loaded.graph.name}\n`);
      if (opts.plan) console.log(`${report.plan}\n`);
      console.log(formatReport(report));
    }
    if (gradients) {
      if (!gradients.ok)
        console.error(`error: gradients: ${gradients.error ?? formatDiagnostics(gradients.diagnostics)}`);
      else {
        console.log(`\ngradients of ${gradients.target!.node}.${gradients.target!.port}:`);
        for (const [node, ports] of Object.entries(gradients.nodes))
          for (const [port, g] of Object.entries(ports))
            console.log(`  d/d ${node}.${port}  ${'summary' in g ? formatSummary(g.summary) : `none: ${g.none}`}`);
      }
    }
  }
  return report.ok && (!gradients || gradients.ok) ? 0 : 1;
}

function usage(problem: string): number {
  console.error(`error: ${problem}\n\n${USAGE}`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
