import type { AttrValues } from '../../graph/attrs';
import { own } from '../../graph/own';
import type { PortDecl } from '../../graph/types';
import type { GradientContext, Tensor, TF } from '../define-op';
import { compileBody } from './compile-body';
import { scriptLabel, type scriptAttrs } from './script-attrs';
import { ScriptError } from './script-error';

type ScriptAttrs = AttrValues<typeof scriptAttrs>;

/** Whether the node's gradient body (the seeds' `@tf.custom_gradient`) takes over its gradient. */
export const hasGradientBody = (attrs: ScriptAttrs) => attrs.gradient.trim() !== '';

/**
 * A script's declared gradient, as its op's `gradient`: the gradient body sees dy, the inputs by
 * name, `output` and `tf`, and returns d/d input, one tensor per input of that input's shape.
 */
export function runGradientBody(
  tf: TF,
  { inputs, outputs, dy, attrs, nodeId }: GradientContext<never, string, typeof scriptAttrs>,
): Record<string, Tensor> {
  const decls = attrs.inputs;
  const names = decls.map((p) => p.name);
  const ports = Object.keys(outputs);
  if (ports.length !== 1) throw new ScriptError('result', `${nodeId}: a gradient body needs exactly one output`);
  const port = ports[0]!;
  const body = ofNode(nodeId, () =>
    compileBody(attrs.gradient, ['dy', ...names, 'output', 'tf'], scriptLabel(nodeId, 'gradient')),
  );
  if (body.async) throw new ScriptError('syntax', `${nodeId}: a gradient body cannot await`);
  const ins = names.map((n) => own(inputs as Readonly<Record<string, Tensor>>, n)!);
  const returned = ofNode(nodeId, () => body.run(dy[port], ...ins, outputs[port], tf));
  const grads = gradientsByInput(returned, decls, ins, nodeId);
  return Object.fromEntries(names.map((n, i) => [n, grads[i]!]));
}

/** Runs `work`, naming the node in a script error: a gradient report has one error for the whole graph. */
function ofNode<T>(nodeId: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    throw e instanceof ScriptError ? new ScriptError(e.kind, `${nodeId}: ${e.reason}`, e.line, e.column) : e;
  }
}

/** What a gradient body returned, one tensor per input in declaration order, each of its input's shape. */
function gradientsByInput(
  returned: unknown,
  decls: readonly PortDecl[],
  inputs: readonly Tensor[],
  nodeId: string,
): Tensor[] {
  const names = decls.map((p) => p.name);
  const list = Array.isArray(returned)
    ? returned
    : names.length === 1 &&
        !(returned && typeof returned === 'object' && Object.hasOwn(returned, names[0]!) && !('dtype' in returned))
      ? [returned]
      : names.map((n) =>
          returned && typeof returned === 'object' ? own(returned as Record<string, unknown>, n) : undefined,
        );
  if (list.length !== names.length)
    throw new ScriptError(
      'result',
      `${nodeId}: the gradient body returned ${list.length} gradients for ${names.length} inputs`,
    );
  return list.map((g, i) => {
    if (!g || typeof g !== 'object' || !('shape' in g))
      throw new ScriptError('result', `${nodeId}: the gradient for input "${names[i]}" is not a tensor`);
    const t = g as Tensor;
    if (t.shape.join() !== inputs[i]!.shape.join())
      throw new ScriptError(
        'result',
        `${nodeId}: the gradient for "${names[i]}" has shape [${t.shape.join(', ')}], the input [${inputs[i]!.shape.join(', ')}]`,
      );
    return t;
  });
}
