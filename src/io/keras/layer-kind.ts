import type { z } from 'zod';
import { check, type Checked } from '../issues';
import type { Tensor } from './graph-emitter';
import type { LayerScope } from './layer-scope';

/** One call of a layer as ops: its inputs in, its output out. */
export type Expansion = (scope: LayerScope, inputs: readonly Tensor[]) => Tensor;

/**
 * A Keras layer class: it reads a layer's config (issues at paths under the layer's entry, like
 * `config.padding`) and gives the expansion that config makes.
 */
export interface LayerKind {
  read(config: unknown): Checked<Expansion>;
}

function kind<S extends z.ZodType>(
  schema: S,
  expand: (scope: LayerScope, config: z.output<S>, inputs: readonly Tensor[]) => Tensor,
): LayerKind {
  return {
    read: (config) => {
      const parsed = check(schema, config);
      if (!parsed.ok)
        return { ok: false, issues: parsed.issues.map((issue) => ({ ...issue, path: `config.${issue.path}` })) };
      return { ok: true, value: (scope, inputs) => expand(scope, parsed.value, inputs) };
    },
  };
}

/** A layer of one input. */
export function singleInput<S extends z.ZodType>(
  schema: S,
  expand: (scope: LayerScope, config: z.output<S>, x: Tensor) => Tensor,
): LayerKind {
  return kind(schema, (scope, config, inputs) => {
    if (inputs.length !== 1) scope.refuse(`it takes one input, and is called on ${inputs.length}`);
    return expand(scope, config, inputs[0]!);
  });
}

/** A layer that merges two or more inputs. */
export function merging<S extends z.ZodType>(
  schema: S,
  expand: (scope: LayerScope, config: z.output<S>, xs: readonly Tensor[]) => Tensor,
): LayerKind {
  return kind(schema, (scope, config, inputs) => {
    if (inputs.length < 2) scope.refuse(`it merges two or more inputs, and is called on ${inputs.length}`);
    return expand(scope, config, inputs);
  });
}

/** A layer class the import refuses, and why. */
export function refused(reason: string): LayerKind {
  return { read: () => ({ ok: false, issues: [{ path: 'class_name', message: reason }] }) };
}
