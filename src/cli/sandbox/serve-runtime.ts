import * as tf from '@tensorflow/tfjs';
import { loadTranspiler } from '../../ops/script';
import { RuntimeHost } from '../../runtime/host/runtime-host';
import type { Reply, Request } from './messages';
import { vmInterrupter } from './vm-interrupter';

/**
 * The runtime of the script process, answering the runner's requests through `send`. Once started
 * (its backend and the script transpiler loaded), it calls `lock`: no code loads after that.
 */
export function serveRuntime(send: (reply: Reply) => void, lock: () => Promise<void>) {
  // Production mode drops tfjs's debug checks and its advice to install tfjs-node.
  tf.enableProdMode();
  const host = new RuntimeHost(tf, { interrupter: vmInterrupter(tf, waitToBeKilled) });
  return async (request: Request): Promise<void> => {
    if (request.type === 'start') {
      try {
        const backend = await host.start(request.backend, (event) => send({ type: 'event', event }));
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
      const value =
        request.type === 'run'
          ? await host.run(request.graph, request.options, 0)
          : await host.gradients(request.graph, request.target, request.previewLimit);
      send({ type: 'answer', id: request.id, value });
    } catch (e) {
      send({ type: 'error', id: request.id, message: (e as Error).message });
    }
  };
}

/** Blocks this process for good: the runner kills it once the running script's deadline has passed. */
function waitToBeKilled(): never {
  const never = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(never, 0, 0);
}
