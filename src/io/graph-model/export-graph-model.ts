import { isTensorLiteral, type AttrSpec } from '../../graph/attrs';
import type { OpRegistry } from '../../graph/registry';
import type { AnyOpSignature } from '../../graph/op-signature';
import { attrToTf, textToTf, TF_DTYPES, type TfAttrs, type TfAttrValue, type TfShape } from '../../graph/tf-mapping';
import { parseSignature } from '../../graph/signature';
import type { AttrValue, Dim, DType, Graph, PortRef, TensorLiteral, TensorType } from '../../graph/types';
import { own, setOwn } from '../../graph/own';
import { validateGraph, type ResolvedNode, type Validation } from '../../graph/validate';
import { base64ToBytes } from '../base64';
import { toTyped } from '../tensor-bytes';
import { customOpNames, SCRIPT_NODE_ATTR } from './custom-ops';
import type { GraphDefNode, WeightEntry } from './model-json';

/** The converter's default: weights are written in shards of at most 4 MB. */
export const SHARD_BYTES = 4 * 1024 * 1024;

export interface GraphModelFilesOut {
  /** model.json's content. */
  readonly modelJson: ExportedModelJson;
  /** Weight shard files by name, as model.json's manifest lists them. */
  readonly shards: ReadonlyMap<string, Uint8Array>;
  /** The custom op each script node became, by node id: they need registering (register-ops.ts). */
  readonly customOps: ReadonlyMap<string, string>;
  readonly notes: readonly string[];
}

export interface ExportedModelJson {
  readonly format: 'graph-model';
  readonly generatedBy: string;
  readonly convertedBy: string;
  readonly modelTopology: { readonly node: GraphDefNode[]; readonly versions: { readonly producer: number } };
  readonly weightsManifest: { readonly paths: string[]; readonly weights: WeightEntry[] }[];
  readonly signature: {
    readonly inputs: Record<string, SignatureEntry>;
    readonly outputs: Record<string, SignatureEntry>;
  };
}

interface SignatureEntry {
  readonly name: string;
  readonly dtype: string;
  readonly tensorShape: TfShape;
}

export type GraphModelExport =
  ({ readonly ok: true } & GraphModelFilesOut) | { readonly ok: false; readonly message: string };

/**
 * The graph as a tfjs GraphModel, as tensorflowjs_converter writes one: a GraphDef of the graph's
 * nodes by id, constants' values in little-endian weight shards, placeholders as the signature's
 * inputs and nodes no other node reads as its outputs. Attributes an input supplies become Const
 * inputs, as TensorFlow takes them; scripts become custom ops named `Tensorloom>id`.
 */
export function exportGraphModel(
  graph: Graph,
  registry: OpRegistry<AnyOpSignature>,
  { shardBytes = SHARD_BYTES, producer = 'Tensorloom' } = {},
): GraphModelExport {
  const validation = validateGraph(graph, registry);
  if (!validation.ok) {
    const [first] = validation.diagnostics;
    return { ok: false, message: `the graph has problems to fix first: ${first!.message}` };
  }
  return new GraphDefWriter(validation, shardBytes, producer).write();
}

class GraphDefWriter {
  private readonly nodes: GraphDefNode[] = [];
  private readonly weights: { entry: WeightEntry; bytes: Uint8Array }[] = [];
  private readonly customOps: ReadonlyMap<string, string>;
  private readonly notes: string[] = [];
  private readonly inputs: Record<string, SignatureEntry> = {};
  private readonly takenNames = new Set<string>();

  constructor(
    private readonly validation: Validation,
    private readonly shardBytes: number,
    private readonly producer: string,
  ) {
    for (const id of validation.order) this.takenNames.add(id);
    const scripts = validation.order.map((id) => validation.nodes.get(id)!).filter((r) => r.op.kind === 'script');
    this.customOps = customOpNames(scripts.map((r) => r.node));
  }

  write(): GraphModelExport {
    for (const id of this.validation.order) {
      const resolved = this.validation.nodes.get(id)!;
      this.writeNode(resolved);
    }
    const { paths, shards } = this.shards();
    return {
      ok: true,
      modelJson: {
        format: 'graph-model',
        generatedBy: this.producer,
        convertedBy: 'Tensorloom',
        modelTopology: { node: this.nodes, versions: { producer: 1882 } },
        weightsManifest: [{ paths, weights: this.weights.map((w) => w.entry) }],
        signature: { inputs: this.inputs, outputs: this.outputs() },
      },
      shards,
      customOps: this.customOps,
      notes: this.notes,
    };
  }

  private writeNode(resolved: ResolvedNode): void {
    const { node, op, attrs } = resolved;
    const id = node.id;
    switch (op.kind) {
      case 'feed':
        if (op.name === 'Placeholder')
          return this.writePlaceholder(id, attrs.value as TensorLiteral, parseSignature(attrs.signature as string));
        // A model that generates its data by the step is fed the step, as a training loop would.
        if (op.name === 'StepIndex')
          return this.writePlaceholder(id, { dtype: 'int32', shape: [], values: [attrs.value as number] });
        this.notes.push(`${op.name} ${id} is written as a constant of its current value`);
        return this.writeConst(id, constantValue(op.name, attrs));
      case 'const':
        if (op.name !== 'Const')
          this.notes.push(`${op.name} ${id} is written as a constant: GraphModels have no ${op.name}`);
        return this.writeConst(id, attrs.value as TensorLiteral);
      case 'script':
        return this.writeScript(resolved);
    }
    if (op.name === 'Unsupported') return this.writeUnsupported(resolved);
    this.nodes.push({ name: id, op: op.name, input: this.inputNames(resolved), attr: this.attrsOf(resolved) });
  }

  /** A placeholder of the value's shape, or of its signature's, TensorFlow's -1 where a size may vary. */
  private writePlaceholder(id: string, value: TensorLiteral, signature: readonly Dim[] | null = null): void {
    const shape = { dim: (signature ?? value.shape).map((d) => ({ size: String(d ?? -1) })) };
    this.nodes.push({
      name: id,
      op: 'Placeholder',
      attr: { dtype: { type: TF_DTYPES[value.dtype] }, shape: { shape } },
    });
    setOwn(this.inputs, id, { name: `${id}:0`, dtype: TF_DTYPES[value.dtype], tensorShape: shape });
  }

  private writeConst(name: string, value: TensorLiteral): void {
    const tensorShape = { dim: value.shape.map((d) => ({ size: String(d) })) };
    this.nodes.push({
      name,
      op: 'Const',
      attr: {
        value: { tensor: { dtype: TF_DTYPES[value.dtype], tensorShape } },
        dtype: { type: TF_DTYPES[value.dtype] },
      },
    });
    const typed = toTyped(value.values, value.dtype) ?? typedOf(value);
    this.weights.push({
      entry: { name, shape: [...value.shape], dtype: value.dtype },
      bytes: new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength),
    });
  }

  /** A script as a custom op; `_tensorloom` keeps the whole node, so that an import gives it back. */
  private writeScript(resolved: ResolvedNode): void {
    const { node } = resolved;
    this.nodes.push({
      name: node.id,
      op: this.customOps.get(node.id)!,
      input: this.inputNames(resolved),
      attr: { [SCRIPT_NODE_ATTR]: { s: textToTf(JSON.stringify({ op: node.op, attrs: node.attrs })) } },
    });
  }

  /** An op Tensorloom did not compute goes back as it came. */
  private writeUnsupported(resolved: ResolvedNode): void {
    const { node, attrs } = resolved;
    this.nodes.push({
      name: node.id,
      op: attrs.tf_op as string,
      input: this.inputNames(resolved),
      attr: JSON.parse(attrs.tf_attrs as string) as TfAttrs,
    });
  }

  /** TF's inputs in the op's order: each port's producer, or a Const for an attribute it supplies. */
  private inputNames({ node, op, attrs, inputs }: ResolvedNode): string[] {
    const names: string[] = [];
    for (const [port, spec] of Object.entries(op.inputs)) {
      const connected = own(inputs, port);
      if (connected) for (const ref of [connected].flat() as PortRef[]) names.push(this.tensorName(ref));
      else if (spec.attr) {
        const name = this.freshName(`${node.id}/${port}`);
        const first = this.firstInputType(inputs);
        const dtype = suppliedDtype(spec.dtypes, attrs, first?.dtype);
        // `null` stands for every axis, which TensorFlow spells out.
        const value = own(attrs, spec.attr) ?? Array.from({ length: first?.shape?.length ?? 0 }, (_, k) => k);
        this.writeConst(name, suppliedTensor(own(op.attrs, spec.attr)!, value, dtype));
        names.push(name);
      }
    }
    return names;
  }

  private firstInputType(inputs: ResolvedNode['inputs']): TensorType | undefined {
    const first = Object.values(inputs).flat()[0] as PortRef | undefined;
    const types = first && this.validation.nodes.get(first.node)?.types;
    return types && own(types, first.port);
  }

  /** `node` for a node's first output, `node:k` for its k-th, as GraphDefs name tensors. */
  private tensorName({ node, port }: PortRef): string {
    const k = this.validation.nodes.get(node)!.op.outputs.indexOf(port);
    return k === 0 ? node : `${node}:${k}`;
  }

  private attrsOf({ op, attrs, inputs }: ResolvedNode): TfAttrs {
    const out: Record<string, TfAttrValue> = {};
    for (const [name, spec] of Object.entries(op.attrs)) {
      if (spec.port) continue;
      const value = attrToTf(spec, own(attrs, name)!);
      const attrNames = op.tf?.attrNames;
      if (value) setOwn(out, (attrNames && own(attrNames, name)) ?? name, value);
    }
    Object.assign(out, op.tf?.exportAttrs?.(attrs));
    const variadic = Object.entries(op.inputs).find(([, spec]) => spec.variadic);
    if (variadic) out.N = { i: String([own(inputs, variadic[0]) ?? []].flat().length) };
    return out;
  }

  /** Nodes nothing reads: what the model computes. */
  private outputs(): Record<string, SignatureEntry> {
    const out: Record<string, SignatureEntry> = {};
    for (const id of this.validation.order) {
      if (this.validation.consumersOf(id).length) continue;
      const resolved = this.validation.nodes.get(id)!;
      if (resolved.op.kind === 'feed' || resolved.op.kind === 'const') continue;
      resolved.op.outputs.forEach((port, k) => {
        const type = resolved.types && own(resolved.types, port);
        if (!type) return;
        const name = k === 0 ? id : `${id}:${k}`;
        setOwn(out, name, {
          name: `${id}:${k}`,
          dtype: TF_DTYPES[type.dtype],
          tensorShape: { dim: (type.shape ?? []).map((d) => ({ size: String(d ?? -1) })) },
        });
      });
    }
    return out;
  }

  /** A name no node has, for a Const the export adds. */
  private freshName(wanted: string): string {
    let name = wanted;
    for (let k = 1; this.takenNames.has(name); k++) name = `${wanted}_${k}`;
    this.takenNames.add(name);
    return name;
  }

  /** The weights end to end, cut into shards as the converter cuts them. */
  private shards(): { paths: string[]; shards: Map<string, Uint8Array> } {
    const total = this.weights.reduce((n, w) => n + w.bytes.length, 0);
    const all = new Uint8Array(total);
    let at = 0;
    for (const { bytes } of this.weights) {
      all.set(bytes, at);
      at += bytes.length;
    }
    const count = Math.max(1, Math.ceil(total / this.shardBytes));
    const shards = new Map<string, Uint8Array>();
    for (let k = 0; k < count; k++)
      shards.set(`group1-shard${k + 1}of${count}.bin`, all.subarray(k * this.shardBytes, (k + 1) * this.shardBytes));
    return { paths: [...shards.keys()], shards };
  }
}

/** The value a source node other than a Placeholder holds now. */
function constantValue(op: string, attrs: Readonly<Record<string, AttrValue>>): TensorLiteral {
  if (op !== 'FileBytes') return attrs.value as TensorLiteral;
  const file = attrs.file as string;
  const bytes = file ? base64ToBytes(file.slice(file.indexOf(',') + 1))! : new Uint8Array(0);
  return { dtype: 'int32', shape: [bytes.length], values: Int32Array.from(bytes) };
}

/** An attribute as the tensor TensorFlow takes it in: a list as a vector (a matrix, for paddings), a number as a scalar. */
export function suppliedTensor(spec: AttrSpec, value: AttrValue, dtype: DType): TensorLiteral {
  if (isTensorLiteral(value)) return value;
  const values = Array.isArray(value) ? [...(value as number[])] : [Number(value)];
  const columns = spec.kind === 'ints' ? spec.columns : undefined;
  const shape = !Array.isArray(value) ? [] : columns ? [values.length / columns, columns] : [values.length];
  return { dtype, shape, values };
}

/**
 * The dtype of a supplied tensor: the port's own when it takes one; else the dtype the node computes
 * in (Fill's and OneHot's `dtype`, Range's `Tidx`), or its first input's (PadV2's constant_values).
 */
function suppliedDtype(
  dtypes: readonly DType[],
  attrs: Readonly<Record<string, AttrValue>>,
  firstInput: DType | undefined,
): DType {
  if (dtypes.length === 1) return dtypes[0]!;
  const named = (attrs.dtype ?? attrs.Tidx ?? firstInput) as DType | undefined;
  return named && dtypes.includes(named) ? named : dtypes[0]!;
}

function typedOf({ dtype, values }: TensorLiteral): Float32Array | Int32Array | Uint8Array {
  return dtype === 'float32'
    ? Float32Array.from(values)
    : dtype === 'int32'
      ? Int32Array.from(values)
      : Uint8Array.from(values);
}
