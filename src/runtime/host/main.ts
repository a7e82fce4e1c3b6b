import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { frameEndpoint, HOST_READY } from './frame-endpoint';
import { RuntimeHost } from './runtime-host';

// Entry of the sandboxed runtime frame: the only place in the app where tensors exist.
tf.enableProdMode();
const host = new RuntimeHost(tf);
expose(host, frameEndpoint(window.parent));
// For the browser's devtools (and tests that simulate a lost GPU device).
Object.assign(globalThis, { tensorloomHost: host });
window.parent.postMessage({ type: HOST_READY }, '*');
