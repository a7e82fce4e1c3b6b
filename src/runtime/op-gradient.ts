import { own } from '../graph/own';
import type { AttrValue } from '../graph/types';
import type { AnyOpDef, Tensor, TF } from '../ops/define-op';
import { runForward, suppliedNow, type StepOptions } from './forward';

type Inputs = Readonly<Record<string, Tensor | readonly Tensor[]>>;

/** tfjs's way to put one node with its own backward pass on the tape (customGrad allows one output). */
interface KernelFuncEngine {
  runKernelFunc(params: {
    /** `save`d tensors outlive the forward pass (the executor disposes intermediates once read) until backprop. */
    forwardFunc: (backend: unknown, save: (tensors: Tensor[]) => void) => Tensor[];
    /** tfjs passes a single-output node its one dy alone, and zeros for an output nothing reads. */
    backwardsFunc: (dys: Tensor | Tensor[], saved: Tensor[]) => Record<number, () => Tensor>;
    inputs: Record<number, Tensor>;
  }): Tensor[];
}

/** One float input tensor on the tape: its port and, for a variadic port, its position. */
interface TapedInput {
  readonly port: string;
  readonly index: number | null;
  readonly tensor: Tensor;
}

/**
 * Runs a step on the gradient tape as a single node whose backward pass is the op's own
 * `gradient` (TensorFlow's, or a script's gradient body), instead of the gradients tfjs would
 * record for the ops inside it. The outputs of an op that awaits (a script) come `precomputed`.
 */
export function withOpGradient(
  tf: TF,
  op: AnyOpDef,
  inputs: Inputs,
  attrs: Readonly<Record<string, AttrValue>>,
  outputPorts: readonly string[],
  options: StepOptions,
  precomputed?: Readonly<Record<string, Tensor>>,
): Record<string, Tensor> {
  const taped: TapedInput[] = Object.entries(inputs)
    .flatMap(([port, v]): TapedInput[] =>
      Array.isArray(v)
        ? v.map((tensor: Tensor, index) => ({ port, index, tensor }))
        : [{ port, index: null, tensor: v as Tensor }],
    )
    // An empty input has nothing to receive (and tfjs kernels fail on empty tensors): it stays off the tape.
    .filter((t) => t.tensor.dtype === 'float32' && t.tensor.size > 0);
  const ports = Object.entries(inputs);
  const results = (tf.engine() as unknown as KernelFuncEngine).runKernelFunc({
    forwardFunc: (_, save) => {
      const outputs = precomputed
        ? Object.fromEntries(outputPorts.map((p) => [p, own(precomputed, p)!.clone()]))
        : runForward(tf, op, inputs, attrs, options);
      const list = outputPorts.map((p) => own(outputs, p)!);
      save([...ports.flatMap(([, v]) => v as Tensor | Tensor[]), ...list]);
      return list;
    },
    backwardsFunc: (dys, saved) => {
      const list = Array.isArray(dys) ? dys : [dys];
      const dy = Object.fromEntries(outputPorts.map((p, k) => [p, list[k]!]));
      let at = 0;
      const savedInputs = Object.fromEntries(
        ports.map(([port, v]) => [port, Array.isArray(v) ? v.map(() => saved[at++]!) : saved[at++]!]),
      );
      const outputs = Object.fromEntries(outputPorts.map((p) => [p, saved[at++]!]));
      const supplied = suppliedNow(op, savedInputs, attrs);
      const grads = op.gradient!(tf, {
        inputs: supplied.inputs as never,
        outputs,
        dy,
        attrs: supplied.attrs as never,
        nodeId: options.nodeId,
      }) as Record<string, Tensor | readonly Tensor[] | undefined>;
      return Object.fromEntries(
        taped.map((t, i) => {
          const g = own(grads, t.port);
          const grad = t.index === null ? (g as Tensor | undefined) : (g as readonly Tensor[] | undefined)?.[t.index];
          return [i, () => grad ?? tf.zeros(t.tensor.shape)];
        }),
      );
    },
    inputs: Object.fromEntries(taped.map((t, i) => [i, t.tensor])),
  });
  return Object.fromEntries(outputPorts.map((p, k) => [p, results[k]!]));
}
