import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { HeadlessRuntime } from './headless-runtime';

// Entry of the headless runner's worker thread: the only place in the CLI where tensors exist.
// Production mode drops tfjs's debug checks and its advice to install tfjs-node.
tf.enableProdMode();
expose(new HeadlessRuntime(tf), nodeEndpoint(parentPort!));
