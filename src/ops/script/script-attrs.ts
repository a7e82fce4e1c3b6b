import { attr } from '../../graph/attrs';
import type { InputSpecs } from '../../graph/op-signature';
import type { PortDecl, TensorType } from '../../graph/types';

/** What both kinds of script node declare: their ports, body, gradient body and deadline. */
export const scriptAttrs = {
  inputs: attr.ports([{ name: 'x', dtype: 'float32' }], { doc: 'named, typed inputs the body sees as variables' }),
  outputs: attr.ports([{ name: 'y', dtype: 'float32' }], { minLength: 1, doc: 'what the body returns (Tout)' }),
  body: attr.code('return x;', { doc: 'the function body; it may await' }),
  gradient: attr.code('', {
    doc: 'optional gradient body: sees dy (or dys), the inputs, outputs and tf; returns d/d input',
  }),
  timeout_ms: attr.int(5000, { min: 10, max: 600_000, doc: 'the body is stopped after this long' }),
};

export function scriptPorts(attrs: { inputs: readonly PortDecl[]; outputs: readonly PortDecl[] }) {
  // Built from entries: a port may be named `__proto__`, which an assignment would not add as a key.
  const inputs = Object.fromEntries(attrs.inputs.map((p) => [p.name, { dtypes: [p.dtype] }]));
  return { inputs: inputs as InputSpecs, outputs: attrs.outputs.map((p) => p.name) };
}

/** Declared outputs as types: what downstream inference works with before the body ever runs. */
export function declaredTypes(outputs: readonly PortDecl[]): Record<string, TensorType> {
  return Object.fromEntries(outputs.map((p) => [p.name, { dtype: p.dtype, shape: p.shape ? [...p.shape] : null }]));
}

/** The name a script has in stack traces, which is how its errors find the user's line. */
export function scriptLabel(nodeId: string, part: 'body' | 'gradient' = 'body'): string {
  return `${nodeId}.${part}.ts`;
}
