import type { Tensor } from '../define-op';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';
import { checkTensorResults } from './check-results';
import { compileBody } from './compile-body';
import { withDeadline } from './deadline';
import { hasGradientBody, runGradientBody } from './gradient-body';
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
  // Its ops on the tape, unless a gradient body declares the gradient; a body that awaits cannot be taped.
  gradientPath: (attrs, nodeId) =>
    hasGradientBody(attrs)
      ? 'own'
      : compileBody(attrs.body, attrs.inputs.map((p) => p.name).concat('tf'), scriptLabel(nodeId)).async
        ? 'none'
        : 'tape',
  gradient: runGradientBody,
  // Synchronous when the body does not await, so that a gradient tape can record its ops.
  forward: (tf, inputs, attrs, { nodeId }) => {
    const names = attrs.inputs.map((p) => p.name);
    const body = compileBody(attrs.body, [...names, 'tf'], scriptLabel(nodeId));
    const args = names.map((n) => (inputs as Record<string, Tensor>)[n]);
    // A scope, like tf.tidy's but able to span awaits: what the body makes and does not return is freed.
    const engine = tf.engine();
    engine.startScope();
    const finish = (returned: unknown) => {
      let outputs: Record<string, Tensor> | undefined;
      try {
        // An input returned as it is must become a tensor of its own: graph mode frees inputs after their last reader.
        outputs = Object.fromEntries(
          Object.entries(checkTensorResults(tf, returned, attrs.outputs)).map(([port, t]) => [
            port,
            args.includes(t) ? t.clone() : t,
          ]),
        );
        return outputs;
      } finally {
        engine.endScope(outputs ? Object.values(outputs) : undefined);
      }
    };
    let result: unknown;
    try {
      result = body.run(...args, tf);
    } catch (e) {
      engine.endScope();
      throw e;
    }
    if (!(result instanceof Promise)) return finish(result);
    return withDeadline(result, attrs.timeout_ms).then(finish, (e: unknown) => {
      engine.endScope();
      throw e;
    });
  },
  // The writer makes it a function of its own (src/io/codegen/script-functions.ts).
  code: () => ({ script: true }),
});
