// The hand-written peer of `tensorloom run public/examples/sin-times-two.json` in the CLI start row
// (bench/cli-start.ts): a plain Node script computing the same with tfjs.
import * as tf from '@tensorflow/tfjs';

// As the runner does: no debug checks, no advice to install tfjs-node.
tf.enableProdMode();
const x = tf.tensor1d([1, 2, 3]);
console.log(await tf.mul(tf.sin(x), 2).array());
