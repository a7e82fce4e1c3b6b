import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { RuntimeHost } from './runtime-host';

// Entry of the headless runner's worker thread, where graphs with scripts run, watched from outside.
// Production mode drops tfjs's debug checks and its advice to install tfjs-node.
tf.enableProdMode();
expose(new RuntimeHost(tf), nodeEndpoint(parentPort!));
