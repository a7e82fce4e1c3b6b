import { z } from 'zod';
import type { Dim } from '../../graph/types';
import { check, expected, type Checked, type FileIssue } from '../issues';
import type { KerasLayer, ModelConfig, TensorRef } from './layers-model-json';

/** One output of one call of a layer: `name:node:tensor`, as Keras's inbound nodes count them. */
export type TensorKey = string;

export interface ModelInput {
  /** The input layer's name, which the Placeholder takes. */
  readonly name: string;
  /** With the batch dimension first; null where Keras leaves the size open. */
  readonly shape: readonly Dim[];
  readonly dtype: string;
  readonly key: TensorKey;
  readonly path: string;
}

/** A layer applied to its inputs; a shared layer is called more than once. */
export interface LayerCall {
  readonly layer: KerasLayer;
  readonly name: string;
  /** Where the layer is in model.json, for the import's issues. */
  readonly path: string;
  /** Which call of the layer (Keras's node index). */
  readonly call: number;
  readonly inputs: readonly TensorKey[];
  readonly output: TensorKey;
}

/** A Keras model as inputs, layer calls in an order that computes each input before its use, and outputs. */
export interface Topology {
  readonly name: string | undefined;
  readonly inputs: readonly ModelInput[];
  readonly calls: readonly LayerCall[];
  readonly outputs: readonly TensorKey[];
}

const key = (name: string, node = 0, tensor = 0): TensorKey => `${name}:${node}:${tensor}`;
const refKey = ([name, node, tensor]: TensorRef): TensorKey => key(name, node, tensor);

/** What an input layer (or a Sequential model's first layer) says of the model's input. */
const inputConfig = z.looseObject({
  // tfjs and Keras 2 write batch_input_shape, Keras 3 batch_shape.
  batch_input_shape: z.array(z.int().min(0).nullable(), expected('a list of sizes, null where open')).optional(),
  batch_shape: z.array(z.int().min(0).nullable(), expected('a list of sizes, null where open')).optional(),
  dtype: z.string().nullish(),
});

/** The model's inputs, layer calls and outputs; problems at their paths under `base` (the model config's). */
export function readTopology(model: ModelConfig, base: string): Checked<Topology> {
  const layersPath = `${base}.config.layers`;
  const { layers } = model.config;
  const issues = duplicateNames(layers, layersPath);
  if (issues.length) return { ok: false, issues };
  return model.class_name === 'Sequential'
    ? sequential(model.config.name, layers, layersPath)
    : functional(model.config, layersPath);
}

function duplicateNames(layers: readonly KerasLayer[], layersPath: string): FileIssue[] {
  const seen = new Set<string>();
  const issues: FileIssue[] = [];
  layers.forEach((layer, i) => {
    const name = layer.config.name;
    if (seen.has(name))
      issues.push({ path: `${layersPath}[${i}].config.name`, message: `two layers are named ${name}` });
    seen.add(name);
  });
  return issues;
}

/** Each layer reads the one before it; the input is an InputLayer first, or the first layer's input shape. */
function sequential(name: string | undefined, layers: readonly KerasLayer[], layersPath: string): Checked<Topology> {
  const [first] = layers;
  if (!first) return { ok: false, issues: [{ path: layersPath, message: 'the model has no layers' }] };
  const explicit = first.class_name === 'InputLayer';
  // Keras names the input layer it makes for a Sequential model after the first layer.
  const inputName = explicit ? first.config.name : `${first.config.name}_input`;
  const input = modelInput(inputName, first, `${layersPath}[0]`);
  if (!input.ok) return input;
  const calls: LayerCall[] = [];
  let previous = input.value.key;
  layers.forEach((layer, i) => {
    if (explicit && i === 0) return;
    const output = key(layer.config.name);
    calls.push({ layer, name: layer.config.name, path: `${layersPath}[${i}]`, call: 0, inputs: [previous], output });
    previous = output;
  });
  return { ok: true, value: { name, inputs: [input.value], calls, outputs: [previous] } };
}

function functional(
  config: { name?: string | undefined; layers: KerasLayer[]; input_layers: TensorRef[]; output_layers: TensorRef[] },
  layersPath: string,
): Checked<Topology> {
  const byName = new Map(config.layers.map((layer, i) => [layer.config.name, { layer, path: `${layersPath}[${i}]` }]));
  const issues: FileIssue[] = [];
  const inputs: ModelInput[] = [];
  for (const [name] of config.input_layers) {
    const entry = byName.get(name);
    if (!entry || entry.layer.class_name !== 'InputLayer') {
      issues.push({ path: `${layersPath}`, message: `the model's input ${name} is no InputLayer of the model` });
      continue;
    }
    const input = modelInput(name, entry.layer, entry.path);
    if (input.ok) inputs.push(input.value);
    else for (const issue of input.issues) issues.push(issue);
  }
  if (issues.length) return { ok: false, issues };
  const pending = config.layers.flatMap((layer, i) =>
    layer.class_name === 'InputLayer'
      ? []
      : (layer.inbound_nodes ?? []).map((node, call) => ({
          layer,
          name: layer.config.name,
          path: `${layersPath}[${i}]`,
          call,
          inputs: node.map((ref) => refKey([ref[0], ref[1], ref[2]])),
          output: key(layer.config.name, call),
        })),
  );
  const calls = inOrder(
    pending,
    inputs.map((input) => input.key),
  );
  const made = new Set([...inputs.map((input) => input.key), ...calls.map((call) => call.output)]);
  const ordered = new Set(calls);
  for (const call of pending)
    if (!ordered.has(call))
      issues.push({
        path: `${call.path}.inbound_nodes[${call.call}]`,
        message: `layer ${call.name} reads ${call.inputs.filter((k) => !made.has(k)).join(', ')}, which no layer of the model makes`,
      });
  for (const ref of config.output_layers)
    if (!made.has(refKey(ref)))
      issues.push({
        path: `${layersPath}`,
        message: `the model's output ${refKey(ref)} is made by no layer of the model`,
      });
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { name: config.name, inputs, calls, outputs: config.output_layers.map(refKey) } };
}

/**
 * The calls whose inputs can be computed, each after the calls it reads: in the order model.json
 * lists them where that already works, as Keras promises no order. A depth-first walk with its own
 * stack, not recursion: a model of 100,000 layers listed last to first is as deep.
 */
function inOrder(pending: readonly LayerCall[], available: readonly TensorKey[]): LayerCall[] {
  const producer = new Map(pending.map((call) => [call.output, call]));
  const made = new Set(available);
  const failed = new Set<LayerCall>();
  const visiting = new Set<LayerCall>();
  const ordered: LayerCall[] = [];
  for (const first of pending) {
    // Each entry: a call, and how many of its inputs are known to be computable so far.
    const stack: { call: LayerCall; next: number; entered: boolean }[] = [{ call: first, next: 0, entered: false }];
    while (stack.length) {
      const top = stack.at(-1)!;
      const { call } = top;
      if (!top.entered) {
        if (made.has(call.output) || failed.has(call) || visiting.has(call)) {
          stack.pop();
          continue;
        }
        visiting.add(call);
        top.entered = true;
      }
      const key = call.inputs[top.next];
      if (key !== undefined && made.has(key)) {
        top.next++;
        continue;
      }
      const source = key === undefined ? undefined : producer.get(key);
      // On a cycle, or reading what no layer makes.
      const stuck = key !== undefined && (source === undefined || failed.has(source) || visiting.has(source));
      if (key !== undefined && !stuck) {
        stack.push({ call: source!, next: 0, entered: false });
        continue;
      }
      visiting.delete(call);
      stack.pop();
      if (stuck) failed.add(call);
      else {
        made.add(call.output);
        ordered.push(call);
      }
    }
  }
  return ordered;
}

function modelInput(name: string, layer: KerasLayer, path: string): Checked<ModelInput> {
  const parsed = check(inputConfig, layer.config);
  if (!parsed.ok)
    return { ok: false, issues: parsed.issues.map((issue) => ({ ...issue, path: `${path}.config.${issue.path}` })) };
  const shape = parsed.value.batch_input_shape ?? parsed.value.batch_shape;
  if (!shape)
    return {
      ok: false,
      issues: [
        {
          path: `${path}.config`,
          message: `layer ${layer.config.name} gives the model no input shape (batch_input_shape); Keras builds such a model only when first called`,
        },
      ],
    };
  return { ok: true, value: { name, shape, dtype: parsed.value.dtype ?? 'float32', key: key(name), path } };
}
