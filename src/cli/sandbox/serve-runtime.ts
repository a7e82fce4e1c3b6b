import * as tf from '@tensorflow/tfjs';
import { loadTranspiler } from '../../ops/script';
import { RuntimeHost } from '../../runtime/host/runtime-host';
import type { HostEvent } from '../../runtime/host/runtime-host';
import { boundTimers } from './bounded-timers';
import { UNSAFE_INTERRUPT_EXIT, type Reply, type Request } from './messages';
import { vmInterrupter } from './vm-interrupter';

/**
 * The runtime of the script process, answering the runner's requests through `send`. Once started
 * (its backend and the script transpiler loaded), it calls `lock`: no code loads after that.
 */
export function serveRuntime(
  send: (reply: Reply) => void,
  { lock, exit }: { lock: () => Promise<void>; exit: (code: number) => never },
) {
  // Production mode drops tfjs's debug checks and its advice to install tfjs-node.
  tf.enableProdMode();
  const host = new RuntimeHost(tf, { interrupter: vmInterrupter(tf, waitToBeKilled) });
  // A timer fires when no script runs, and no deadline is watched: where it cannot be interrupted
  // safely, this process ends, and the runner says so.
  let running: { readonly nodeId: string; readonly timeoutMs: number } | null = null;
  boundTimers(
    vmInterrupter(tf, () => exit(UNSAFE_INTERRUPT_EXIT)),
    () => running?.timeoutMs ?? null,
  );
  const onEvent = (event: HostEvent) => {
    if (event.type === 'script-started') running = event;
    else if (event.type === 'script-finished' && running?.nodeId === event.nodeId) running = null;
    send({ type: 'event', event });
  };
  return async (request: Request): Promise<void> => {
    if (request.type === 'start') {
      try {
        const backend = await host.start(request.backend, onEvent);
        host.setMemoryBudget(request.maxBytes);
        await loadTranspiler();
        await lock();
        send({ type: 'ready', backend });
      } catch (e) {
        send({ type: 'start-failed', message: (e as Error).message });
      }
      return;
    }
    try {
      send({ type: 'answer', id: request.id, value: await answer(host, request) });
    } catch (e) {
      send({ type: 'error', id: request.id, message: (e as Error).message });
    }
  };
}

function answer(host: RuntimeHost, request: Exclude<Request, { type: 'start' }>): unknown {
  switch (request.type) {
    case 'run':
      return host.run(request.graph, request.options, 0);
    case 'gradients':
      return host.gradients(request.graph, request.target, request.previewLimit);
    case 'start-training':
      return host.startTraining(request.graph);
    case 'train-steps':
      return host.trainSteps(request.count);
    case 'trained-values':
      return host.trainedValues();
  }
}

/** Blocks this process for good: the runner kills it once the running script's deadline has passed. */
function waitToBeKilled(): never {
  const never = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(never, 0, 0);
}
