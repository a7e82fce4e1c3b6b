import { own } from '../../graph/own';
import type { Tensor, TF } from '../define-op';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';
import { checkTensorResults } from './check-results';
import { compileBody } from './compile-body';
import { callWithin, withDeadline } from './deadline';
import { expiringTf } from './expiring-tf';
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
  forward: (tf, inputs, attrs, context) => {
    const names = attrs.inputs.map((p) => p.name);
    const body = compileBody(attrs.body, [...names, 'tf'], scriptLabel(context.nodeId));
    // A scope, like tf.tidy's but able to span awaits: what the body makes and does not return is
    // freed. The body gets copies of its inputs, made in the scope: once its run is over, neither
    // they nor `tf` make anything more.
    const engine = tf.engine();
    const view = expiringTf(tf);
    engine.startScope();
    const end = (kept?: Tensor[]) => {
      view.expire();
      engine.endScope(kept);
    };
    const finish = (returned: unknown) => {
      let outputs: Map<string, Tensor> | undefined;
      try {
        outputs = checkTensorResults(tf, returned, attrs.outputs);
        return Object.fromEntries(outputs);
      } finally {
        end(outputs && [...outputs.values()]);
      }
    };
    let called: ReturnType<typeof callWithin<unknown>>;
    try {
      const args = names.map((n) => own(inputs as Readonly<Record<string, Tensor>>, n)!.clone());
      called = callWithin(context, attrs.timeout_ms, () => body.run(...args, view.tf));
    } catch (e) {
      end();
      throw e;
    }
    const { result, deadline } = called;
    if (!(result instanceof Promise)) return finish(result);
    return withDeadline(result, deadline, (late) => freeTensorsIn(tf, late)).then(finish, (e: unknown) => {
      end();
      throw e;
    });
  },
  // The writer makes it a function of its own (src/io/codegen/script-functions.ts).
  code: () => ({ script: true }),
});

/** Frees the tensors a body returned after its deadline, which nobody reads: the value, or those in a list or record. */
function freeTensorsIn(tf: TF, value: unknown): void {
  const isTensor = (v: unknown): v is Tensor => v instanceof tf.Tensor;
  const items = Array.isArray(value)
    ? value
    : isTensor(value) || !value || typeof value !== 'object'
      ? [value]
      : Object.values(value);
  tf.dispose(items.filter(isTensor));
}
