import { own } from '../../graph/own';
import type { PortDecl } from '../../graph/types';
import type { Tensor } from '../define-op';
import { defineOp } from '../define-op';
import { FLOAT, typedValues } from '../dtypes';
import { checkArrayResults } from './check-results';
import { compileBody } from './compile-body';
import { callWithin, withDeadline } from './deadline';
import { hasGradientBody, runGradientBody } from './gradient-body';
import { declaredTypes, scriptAttrs, scriptLabel, scriptPorts } from './script-attrs';

/** A plain typed array that also says its shape and dtype, as an array script's input. */
export type ArrayInput = (Float32Array | Int32Array | Uint8Array) & {
  readonly shape: number[];
  readonly dtype: string;
};

/**
 * The browser's `tf.numpy_function`: the body receives plain typed arrays (read back from the
 * device) and returns numbers; the runtime uploads them with the declared dtype. No gradient flows
 * through it unless it has a gradient body.
 */
export const ArrayScript = defineOp({
  name: 'ArrayScript',
  category: 'script',
  doc: 'A TypeScript body on plain typed arrays (like tf.numpy_function); no gradient without a gradient body.',
  inputs: { x: { dtypes: FLOAT } },
  outputs: ['y'] as readonly string[],
  attrs: scriptAttrs,
  kind: 'script',
  differentiable: false,
  ports: scriptPorts,
  infer: (_, attrs) => declaredTypes(attrs.outputs),
  // Read-back arrays leave the tape: only a gradient body gives it a gradient.
  gradientPath: (attrs) => (hasGradientBody(attrs) ? 'own' : 'none'),
  gradient: runGradientBody,
  forward: async (tf, inputs, attrs, context) => {
    const args = await Promise.all(
      attrs.inputs.map((p) => readBack(own(inputs as Readonly<Record<string, Tensor>>, p.name)!, p)),
    );
    if (context.costs) context.costs.readbacks += args.length;
    const body = compileBody(
      attrs.body,
      attrs.inputs.map((p) => p.name),
      scriptLabel(context.nodeId),
    );
    const { result, deadline } = callWithin(context, attrs.timeout_ms, () => body.run(...args));
    const returned = result instanceof Promise ? await withDeadline(result, deadline) : result;
    const values = checkArrayResults(returned, attrs.outputs, context.maxBytes);
    const dtypes = new Map(attrs.outputs.map((p) => [p.name, p.dtype]));
    if (context.costs) context.costs.uploads += values.size;
    return Object.fromEntries(
      [...values].map(([name, v]) => {
        const dtype = dtypes.get(name)!;
        return [name, tf.tensor(typedValues(v.values, dtype), v.shape, dtype)];
      }),
    );
  },
  // The writer makes it a function of its own (src/io/codegen/script-functions.ts).
  code: () => ({ script: true }),
});

/** A copy of the tensor's values, so that a body that writes to its input cannot corrupt it. */
async function readBack(tensor: Tensor, decl: PortDecl): Promise<ArrayInput> {
  const data = ((await tensor.data()) as Float32Array | Int32Array | Uint8Array).slice();
  return Object.defineProperties(data, {
    shape: { value: [...tensor.shape], enumerable: false },
    dtype: { value: decl.dtype, enumerable: false },
  }) as ArrayInput;
}
