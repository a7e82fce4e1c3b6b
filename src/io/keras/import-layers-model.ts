import type { AnyOpSignature } from '../../graph/op-signature';
import type { OpRegistry } from '../../graph/registry';
import { DTYPES, type DType, type TensorLiteral } from '../../graph/types';
import type { GraphModelImport, ImportNote } from '../graph-model/import-graph-model';
import { decodeWeights, WeightFilesError, type DecodedWeights } from '../graph-model/weights';
import { capIssues, check, issueCount, type FileIssue } from '../issues';
import { zerosOf } from '../zeros';
import { GraphEmitter, LayerRefusal, type Tensor } from './graph-emitter';
import type { Expansion } from './layer-kind';
import { layerKind } from './layer-kinds';
import { LayerScope } from './layer-scope';
import { layersModelJson, type KerasLayer } from './layers-model-json';
import { readTopology, type LayerCall, type ModelInput, type TensorKey, type Topology } from './topology';

/**
 * A tfjs layers-model (a Keras model: model.json and its weight shards) as a Tensorloom graph that
 * computes what tfjs's `loadLayersModel(…).predict(x)` does: each input a Placeholder named after
 * its input layer, each layer call its ops (`dense/MatMul`, `dense/BiasAdd`, …), each weight a
 * constant (`dense/kernel`). A layer Tensorloom cannot expand stops the import, with every such
 * layer named. `shard` gives a weight file's bytes by its path in the manifest.
 */
export function importLayersModel(
  data: unknown,
  shard: (path: string) => Uint8Array | undefined,
  registry: OpRegistry<AnyOpSignature>,
): GraphModelImport {
  const parsed = check(layersModelJson, data);
  if (!parsed.ok)
    return failure(`not a tfjs layers-model: ${parsed.issues[0]!.path}: ${parsed.issues[0]!.message}`, parsed.issues);
  const { modelTopology, weightsManifest } = parsed.value;
  const topology = readTopology(modelTopology.model, modelTopology.path);
  if (!topology.ok) return failure(`not a valid Keras model: ${topology.issues[0]!.message}`, topology.issues);
  const expansions = readLayers(topology.value.calls);
  if (!expansions.ok) return refusal(expansions.issues);
  let weights: DecodedWeights;
  try {
    weights = decodeWeights(weightsManifest, shard);
  } catch (error) {
    if (!(error instanceof WeightFilesError)) throw error;
    return failure(error.message, [{ path: 'weightsManifest', message: error.message }]);
  }
  return new ModelExpander(topology.value, expansions.value, weights, registry).expand();
}

type Refused = { readonly ok: false; readonly issues: FileIssue[] };

/** Every layer's config read by its kind; all refusals at once, so the user sees every layer at fault. */
function readLayers(calls: readonly LayerCall[]): { ok: true; value: Map<KerasLayer, Expansion> } | Refused {
  const expansions = new Map<KerasLayer, Expansion>();
  const issues: FileIssue[] = [];
  for (const { layer, path } of calls) {
    if (expansions.has(layer)) continue;
    const read = layerKind(layer.class_name).read(layer.config);
    if (read.ok) expansions.set(layer, read.value);
    else
      for (const issue of read.issues)
        issues.push({
          path: `${path}.${issue.path}`,
          message: `${layerLabel(layer)}: ${issue.path === 'class_name' ? '' : `${issue.path.replace(/^config\./, '')}: `}${issue.message}`,
        });
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: expansions };
}

class ModelExpander {
  private readonly emitter: GraphEmitter;
  private readonly notes: ImportNote[] = [];
  private readonly tensors = new Map<TensorKey, Tensor>();
  private readonly read = new Set<string>();
  private readonly refusedWeights: ReadonlyMap<string, string>;

  constructor(
    private readonly topology: Topology,
    private readonly expansions: ReadonlyMap<KerasLayer, Expansion>,
    private readonly weights: DecodedWeights,
    registry: OpRegistry<AnyOpSignature>,
  ) {
    this.emitter = new GraphEmitter(registry);
    this.refusedWeights = new Map(weights.refused.map(({ name, reason }) => [name, reason]));
  }

  expand(): GraphModelImport {
    for (const input of this.topology.inputs) {
      const issue = this.addInput(input);
      if (issue) return failure(issue.message, [issue]);
    }
    for (const call of this.topology.calls) {
      // A shared layer's later calls get their own nodes beside the first's, reading the same weights.
      const prefix = call.call === 0 ? call.name : `${call.name}/call_${call.call}`;
      const scope = new LayerScope(this.emitter, (name) => this.weight(name), this.notes, call.name, prefix);
      try {
        const inputs = call.inputs.map((key) => this.tensors.get(key)!);
        this.tensors.set(call.output, this.expansions.get(call.layer)!(scope, inputs));
      } catch (error) {
        if (!(error instanceof LayerRefusal)) throw error;
        return refusal([{ path: call.path, message: `${layerLabel(call.layer)}: ${error.message}` }]);
      }
    }
    this.noteOutputs();
    this.noteUnread();
    return { ok: true, graph: this.emitter.graph(this.topology.name), notes: this.notes };
  }

  /** A Placeholder of the input's shape, 1 where Keras leaves a size open, for the user to set. */
  private addInput(input: ModelInput): FileIssue | null {
    if (!DTYPES.includes(input.dtype as DType))
      return {
        path: `${input.path}.config.dtype`,
        message: `input ${input.name} has dtype ${input.dtype}, which Tensorloom does not compute in`,
      };
    const dtype = input.dtype as DType;
    const shape = input.shape.map((d) => d ?? 1);
    const value = zerosOf(dtype, shape);
    if (typeof value === 'string') return { path: `${input.path}.config`, message: `input ${input.name}: ${value}` };
    const id = this.emitter.uniqueId(input.name);
    this.tensors.set(input.key, this.emitter.placeholder(id, value, { dtype, shape: [...input.shape] }));
    if (input.shape.includes(null))
      this.notes.push({
        nodeId: id,
        message: `input ${id} has shape [${input.shape.map((d) => d ?? '?').join(', ')}]; it holds zeros of shape [${shape.join(', ')}] until you set its value`,
      });
    return null;
  }

  private weight(name: string): TensorLiteral | string {
    this.read.add(name);
    return this.weights.tensors.get(name) ?? this.refusedWeights.get(name) ?? 'not in the weights manifest';
  }

  private noteOutputs(): void {
    const { outputs } = this.topology;
    outputs.forEach((key, k) => {
      const t = this.tensors.get(key)!;
      const which = outputs.length > 1 ? ` ${k}` : '';
      this.notes.push({
        nodeId: t.node,
        message: `the model's output${which} (layer ${key.split(':')[0]}) is ${t.node}, output ${t.port}`,
      });
    });
  }

  /** tfjs refuses weights no layer reads; they are only left out here (an optimizer's state, say). */
  private noteUnread(): void {
    const names = [...this.weights.tensors.keys(), ...this.refusedWeights.keys()];
    const unread = names.filter((name) => !this.read.has(name));
    if (unread.length)
      this.notes.push({
        message: `left out ${unread.length} weight${unread.length > 1 ? 's' : ''} no layer reads: ${unread.slice(0, 3).join(', ')}${unread.length > 3 ? ', …' : ''}`,
      });
  }
}

function layerLabel(layer: KerasLayer): string {
  return `layer ${layer.config.name} (${layer.class_name})`;
}

function failure(message: string, issues: readonly FileIssue[]): GraphModelImport {
  return { ok: false, message, issues: capIssues(issues) };
}

function refusal(issues: readonly FileIssue[]): GraphModelImport {
  const others = issueCount(issues) - 1;
  const more = others > 0 ? ` (and ${others.toLocaleString('en-US')} more: see the list)` : '';
  return failure(`cannot import the Keras model: ${issues[0]!.message}${more}`, issues);
}
