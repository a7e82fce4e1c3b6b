import type { ELK } from 'elkjs/lib/elk-api';
import type ELKBundled from 'elkjs/lib/elk.bundled.js';

// Kept out of the browser bundle: a variable specifier is left for Node to resolve.
const IN_PROCESS = 'elkjs/lib/elk.bundled.js';

let engine: Promise<ELK> | undefined;

/**
 * ELK, loaded on first use: 1.6 MB the editor does not need to start. In a browser it runs in
 * elkjs's own Web Worker, so that laying out a large graph never blocks the page; in Node
 * (tests, the CLI, benchmarks), where there is no Worker, it runs in process.
 */
export function elk(): Promise<ELK> {
  engine ??= (typeof Worker === 'undefined' ? inProcess() : inWorker()).catch((e: unknown) => {
    // A failed load (the network, in a browser) is tried again next time.
    engine = undefined;
    throw e;
  });
  return engine;
}

async function inWorker(): Promise<ELK> {
  const [{ default: ELKApi }, { default: workerUrl }] = await Promise.all([
    import('elkjs/lib/elk-api.js'),
    import('elkjs/lib/elk-worker.min.js?url'),
  ]);
  return new ELKApi({ workerUrl });
}

async function inProcess(): Promise<ELK> {
  const { default: Bundled } = (await import(/* @vite-ignore */ IN_PROCESS)) as { default: typeof ELKBundled };
  return new Bundled();
}
