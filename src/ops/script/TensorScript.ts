import type { Tensor } from '../define-op';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';
import { checkTensorResults } from './check-results';
import { compileBody } from './compile-body';
import { withDeadline } from './deadline';
import { declaredTypes, scriptAttrs, scriptLabel, scriptPorts } from './script-attrs';

/**
 * The browser's `tf.py_function`: a TypeScript body that receives its inputs as tensors, and `tf`,
 * and returns tensors. Built of tf ops, it is differentiable with no extra work.
 */
export const TensorScript = defineOp({
  name: 'TensorScript',
  category: 'script',
  doc: 'A TypeScript body on tensors (like tf.py_function); differentiable when built of tf ops.',
  inputs: { x: { dtypes: FLOAT } },
  outputs: ['y'] as readonly string[],
  attrs: scriptAttrs,
  kind: 'script',
  ports: scriptPorts,
  infer: (_, attrs) => declaredTypes(attrs.outputs),
  forward: async (tf, inputs, attrs, { nodeId }) => {
    const names = attrs.inputs.map((p) => p.name);
    const body = compileBody(attrs.body, [...names, 'tf'], scriptLabel(nodeId));
    const args = names.map((n) => (inputs as Record<string, Tensor>)[n]);
    // A scope, like tf.tidy's but spanning awaits: what the body makes and does not return is freed.
    const engine = tf.engine();
    engine.startScope();
    let outputs: Record<string, Tensor> | null = null;
    try {
      const result = body.run(...args, tf);
      const returned = result instanceof Promise ? await withDeadline(result, attrs.timeout_ms) : result;
      outputs = checkTensorResults(tf, returned, attrs.outputs);
      return outputs;
    } finally {
      engine.endScope(outputs ? Object.values(outputs) : undefined);
    }
  },
});
