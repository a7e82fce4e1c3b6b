import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { loadTranspiler } from '../../ops/script';
import { frameEndpoint, HOST_READY } from './frame-endpoint';
import { refuseScriptLoads } from './lockdown';
import { RuntimeHost } from './runtime-host';

// Entry of the sandboxed runtime frame: the only place in the app where tensors exist.

/** Once started, the host has loaded all of its code (its backend's too): the frame loads no more. */
class FrameHost extends RuntimeHost {
  override async start(...args: Parameters<RuntimeHost['start']>): ReturnType<RuntimeHost['start']> {
    const choice = await super.start(...args);
    // Script bodies are compiled with sucrase, which must be here before the frame loads no more code.
    await loadTranspiler();
    refuseScriptLoads();
    return choice;
  }
}

tf.enableProdMode();
const host = new FrameHost(tf);
expose(host, frameEndpoint(window.parent));
// For the browser's devtools (and tests that simulate a lost GPU device).
Object.assign(globalThis, { tensorloomHost: host });
window.parent.postMessage({ type: HOST_READY }, '*');
