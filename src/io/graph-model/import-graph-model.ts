import { checkAttr } from '../../graph/attrs';
import type { AnyOpSignature } from '../../graph/op-signature';
import { own } from '../../graph/own';
import { portsOf, variadicPort } from '../../graph/ports';
import type { OpRegistry } from '../../graph/registry';
import { signatureText } from '../../graph/signature';
import { dtypeFromTf, shapeFromTf, textFromTf, type TfAttrs } from '../../graph/tf-mapping';
import type { AttrValue, Graph, GraphEdge, GraphNode } from '../../graph/types';
import { decodeAttrs } from '../import';
import { capIssues, check, expected, type FileIssue } from '../issues';
import { ownRecord } from '../own-record';
import { attrValue } from '../schema';
import { zerosOf } from '../zeros';
import { isCustomOp, SCRIPT_NODE_ATTR } from './custom-ops';
import { modelJson, type GraphDefNode, type ModelJson } from './model-json';
import { attrsFromTf } from './node-attrs';
import { decodeWeights, WeightFilesError, type DecodedWeights } from './weights';

/** Something the user should know about an import that did not stop it. */
export interface ImportNote {
  readonly nodeId?: string;
  readonly message: string;
}

export type GraphModelImport =
  | { readonly ok: true; readonly graph: Graph; readonly notes: readonly ImportNote[] }
  | { readonly ok: false; readonly message: string; readonly issues: readonly FileIssue[] };

/** Ops that are TensorFlow's but whose node a GraphDef holds only to order side effects. */
const ORDERING_ONLY = new Set(['NoOp']);

/**
 * The most outputs an import gives a node it reads only as an Unsupported one: as many as the
 * graph reads of it, which a file could otherwise set to billions.
 */
const MAX_OUTPUTS = 65_536;

/** A kept script node's attributes, checked as a graph file's are. */
const keptAttrs = ownRecord(attrValue, expected('an object of attribute values'));

/** TensorFlow's control flow: Tensorloom's graphs have none, so these import as unsupported nodes. */
const CONTROL_FLOW = new Set([
  'If',
  'StatelessIf',
  'While',
  'StatelessWhile',
  'PartitionedCall',
  'StatefulPartitionedCall',
  'Enter',
  'Exit',
  'Merge',
  'Switch',
  'NextIteration',
  'LoopCond',
]);

/**
 * A tfjs GraphModel as a Tensorloom graph: each GraphDef node becomes the node of the same name
 * and op, its weights constants; what Tensorloom cannot compute becomes an `Unsupported` node, so
 * the graph still opens and runs around it. `shard` gives a weight file's bytes by its path in
 * the manifest.
 */
export function importGraphModel(
  data: unknown,
  shard: (path: string) => Uint8Array | undefined,
  registry: OpRegistry<AnyOpSignature>,
): GraphModelImport {
  const parsed = check(modelJson, data);
  if (!parsed.ok) {
    const [first] = parsed.issues;
    return { ok: false, message: `not a tfjs GraphModel: ${first!.path}: ${first!.message}`, issues: parsed.issues };
  }
  let weights: DecodedWeights;
  try {
    weights = decodeWeights(parsed.value.weightsManifest, shard);
  } catch (error) {
    if (!(error instanceof WeightFilesError)) throw error;
    return { ok: false, message: error.message, issues: [{ path: 'weightsManifest', message: error.message }] };
  }
  return new GraphDefReader(parsed.value, weights, registry).read();
}

interface DataInput {
  readonly source: string;
  readonly index: number;
}

class GraphDefReader {
  private readonly notes: ImportNote[] = [];
  private readonly issues: FileIssue[] = [];
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  /** Each imported node's op (with its declared ports) by name. */
  private readonly ops = new Map<string, AnyOpSignature>();
  private readonly byName: Map<string, GraphDefNode>;
  private readonly refusedWeights: Map<string, string>;

  constructor(
    private readonly model: ModelJson,
    private readonly weights: DecodedWeights,
    private readonly registry: OpRegistry<AnyOpSignature>,
  ) {
    this.byName = new Map(model.modelTopology.node.map((node) => [node.name, node as GraphDefNode]));
    this.refusedWeights = new Map(weights.refused.map(({ name, reason }) => [name, reason]));
  }

  read(): GraphModelImport {
    const defs = this.model.modelTopology.node as GraphDefNode[];
    const outputsUsed = this.outputsUsed(defs);
    if (this.issues.length) return this.failure();
    const dropped: string[] = [];
    for (const def of defs) {
      if (ORDERING_ONLY.has(def.op) && !outputsUsed.has(def.name)) dropped.push(def.name);
      else this.addNode(def, outputsUsed.get(def.name) ?? 0);
    }
    for (const def of defs) if (this.ops.has(def.name)) this.wire(def);
    if (dropped.length)
      this.notes.push({
        message: `left out ${dropped.length} NoOp node${dropped.length > 1 ? 's' : ''} (${dropped.slice(0, 3).join(', ')}${dropped.length > 3 ? ', …' : ''}): they only order TensorFlow's side effects`,
      });
    const functions = this.model.modelTopology.library?.function ?? [];
    if (functions.length)
      this.notes.push({
        message: `the model's function library (${functions.map((f) => f.signature?.name ?? '?').join(', ')}) holds control flow bodies, which Tensorloom does not run`,
      });
    if (this.issues.length) return this.failure();
    return { ok: true, graph: { nodes: this.nodes, edges: this.edges }, notes: this.notes };
  }

  private failure(): GraphModelImport {
    return { ok: false, message: `not a valid GraphDef: ${this.issues[0]!.message}`, issues: capIssues(this.issues) };
  }

  /** How many outputs of each node other nodes read: an unsupported op's outputs are known only so. */
  private outputsUsed(defs: readonly GraphDefNode[]): Map<string, number> {
    const used = new Map<string, number>();
    defs.forEach((def, i) => {
      for (const input of dataInputs(def)) {
        if (!this.byName.has(input.source)) {
          this.issues.push({
            path: `modelTopology.node[${i}].input`,
            message: `node ${def.name} reads "${input.source}", which is no node of the graph`,
          });
          continue;
        }
        if (input.index >= MAX_OUTPUTS) {
          this.issues.push({
            path: `modelTopology.node[${i}].input`,
            message: `node ${def.name} reads output ${input.index} of ${input.source}; Tensorloom reads at most ${MAX_OUTPUTS.toLocaleString('en-US')} outputs of a node`,
          });
          continue;
        }
        used.set(input.source, Math.max(used.get(input.source) ?? 0, input.index + 1));
      }
    });
    return used;
  }

  private addNode(def: GraphDefNode, outputsUsed: number): void {
    const tfAttrs = def.attr ?? {};
    if (def.op === 'Const') return this.addConst(def, tfAttrs, outputsUsed);
    if (def.op === 'Placeholder') return this.addPlaceholder(def, tfAttrs, outputsUsed);
    const kept = tfAttrs[SCRIPT_NODE_ATTR]?.s;
    if (isCustomOp(def.op) && kept) return this.addKeptNode(def, kept, outputsUsed);
    const op = this.registry.get(def.op);
    if (!op || op.category === 'imported' || op.kind === 'script' || op.kind === 'const' || op.kind === 'feed')
      return this.addUnsupported(
        def,
        outputsUsed,
        CONTROL_FLOW.has(def.op)
          ? 'control flow (conditionals, loops, function calls) is not part of Tensorloom graphs'
          : 'Tensorloom has no such op',
      );
    const inputs = dataInputs(def);
    const connected = (port: string) => portIndex(op, port, inputs.length) !== null;
    const { attrs, refusal, unread } = attrsFromTf(op, tfAttrs, connected);
    if (refusal) return this.addUnsupported(def, outputsUsed, refusal);
    const ports = Object.values(op.ports ? portsOf(op, { ...defaults(op), ...attrs }).inputs : op.inputs);
    const fixed = ports.filter((spec) => !spec.variadic).length;
    if (ports.length === fixed ? inputs.length !== fixed : inputs.length < fixed)
      return this.addUnsupported(
        def,
        outputsUsed,
        `it has ${inputs.length} input${inputs.length === 1 ? '' : 's'}; Tensorloom's ${op.name} takes ${fixed}${ports.length > fixed ? ' or more' : ''}`,
      );
    if (unread.length)
      this.notes.push({
        nodeId: def.name,
        message: `${def.op} ${def.name}: attribute${unread.length > 1 ? 's' : ''} ${unread.join(', ')} not read; Tensorloom computes as if ${unread.length > 1 ? 'they were' : 'it was'} absent`,
      });
    this.push(def, op, attrs);
  }

  /** A node Tensorloom exported as a custom op (a script), as it was. */
  private addKeptNode(def: GraphDefNode, kept: string, outputsUsed: number): void {
    let node: { op?: unknown; attrs?: unknown };
    try {
      node = JSON.parse(textFromTf(kept)) as typeof node;
    } catch {
      return this.addUnsupported(
        def,
        outputsUsed,
        `its ${SCRIPT_NODE_ATTR} attribute is not the node Tensorloom wrote`,
      );
    }
    // Only script nodes are kept so (export-graph-model.ts): any other op is written as itself.
    const op = typeof node.op === 'string' ? this.registry.get(node.op) : undefined;
    if (op?.kind !== 'script')
      return this.addUnsupported(def, outputsUsed, `it names ${String(node.op)}, which is no Tensorloom script op`);
    const attrs = check(keptAttrs, node.attrs);
    if (!attrs.ok)
      return this.addUnsupported(
        def,
        outputsUsed,
        `the ${op.name} node kept in its ${SCRIPT_NODE_ATTR} attribute has attributes no graph file could hold: ${attrs.issues[0]!.path}: ${attrs.issues[0]!.message}`,
      );
    const decoded = decodeAttrs(attrs.value);
    // Its ports are made from its attributes as soon as it is added: each must be what the op takes.
    for (const [name, spec] of Object.entries(op.attrs)) {
      const problem = Object.hasOwn(decoded, name) && checkAttr(spec, own(decoded, name)!);
      if (problem)
        return this.addUnsupported(
          def,
          outputsUsed,
          `the ${op.name} node kept in its ${SCRIPT_NODE_ATTR} attribute has an invalid ${name}: ${problem}`,
        );
    }
    this.push(def, op, decoded);
  }

  private addConst(def: GraphDefNode, tfAttrs: TfAttrs, outputsUsed: number): void {
    const value = this.weights.tensors.get(def.name);
    if (value) return this.push(def, this.registry.get('Const')!, { value });
    const refused = this.refusedWeights.get(def.name);
    const dtype = tfAttrs.dtype?.type ?? tfAttrs.value?.tensor?.dtype;
    this.addUnsupported(
      def,
      outputsUsed,
      refused ??
        (dtypeFromTf(dtype)
          ? 'its value is not among the weights'
          : `its dtype ${dtype} is not one Tensorloom computes in`),
    );
  }

  /** A placeholder gets a value of its dtype and shape, 1 where the size is unknown, for the user to set. */
  private addPlaceholder(def: GraphDefNode, tfAttrs: TfAttrs, outputsUsed: number): void {
    const dtype = dtypeFromTf(tfAttrs.dtype?.type);
    if (!dtype)
      return this.addUnsupported(
        def,
        outputsUsed,
        `its dtype ${tfAttrs.dtype?.type} is not one Tensorloom computes in`,
      );
    const declared = shapeFromTf(tfAttrs.shape?.shape) ?? this.signatureShape(def.name);
    const shape = (declared ?? []).map((d) => d ?? 1);
    const value = zerosOf(dtype, shape);
    if (typeof value === 'string') {
      this.issues.push({ path: def.name, message: `input ${def.name}: ${value}` });
      return;
    }
    if (!declared || declared.includes(null))
      this.notes.push({
        nodeId: def.name,
        message: `input ${def.name} has ${declared ? `shape [${declared.map((d) => d ?? '?').join(', ')}]` : 'no known shape'}; it holds zeros of shape [${shape.join(', ')}] until you set its value`,
      });
    // Its unknown sizes become its signature: values of other sizes there reuse the trace, as in TensorFlow.
    const signed = declared?.includes(null) && { signature: signatureText(declared) };
    this.push(def, this.registry.get('Placeholder')!, { value, ...signed });
  }

  private signatureShape(name: string): (number | null)[] | null {
    const signature = this.model.signature ?? this.model.userDefinedMetadata?.signature;
    const entry = Object.values(signature?.inputs ?? {}).find((input) => input.name.split(':')[0] === name);
    return shapeFromTf(entry?.tensorShape);
  }

  private addUnsupported(def: GraphDefNode, outputsUsed: number, reason: string): void {
    const tfAttrs = jsonOf(def.attr ?? {});
    if (tfAttrs === null) {
      this.issues.push({
        path: def.name,
        message: `${def.op} ${def.name}: its attributes nest too deeply to be kept`,
      });
      return;
    }
    this.notes.push({ nodeId: def.name, message: `${def.op} ${def.name}: ${reason}` });
    const op = this.registry.get('Unsupported')!;
    this.push(def, op, {
      tf_op: def.op,
      tf_attrs: tfAttrs,
      num_inputs: dataInputs(def).length,
      num_outputs: Math.max(1, outputsUsed),
      reason,
    });
  }

  private push(def: GraphDefNode, op: AnyOpSignature, attrs: Record<string, AttrValue>): void {
    this.nodes.push({ id: def.name, op: op.name, attrs });
    this.ops.set(def.name, op.ports ? { ...op, ...portsOf(op, { ...defaults(op), ...attrs }) } : op);
  }

  /** Edges for the node's data inputs, in the op's input order. */
  private wire(def: GraphDefNode): void {
    const op = this.ops.get(def.name)!;
    const inputs = dataInputs(def);
    inputs.forEach((input, position) => {
      const port = portIndex(op, position, inputs.length);
      const source = this.ops.get(input.source);
      if (port === null || !source) {
        if (source)
          this.issues.push({
            path: def.name,
            message: `${def.op} ${def.name} has ${inputs.length} inputs, more than ${op.name} takes`,
          });
        return;
      }
      const sourcePort = source.outputs[input.index];
      if (sourcePort === undefined) {
        this.issues.push({
          path: def.name,
          message: `node ${def.name} reads output ${input.index} of ${input.source}, which has ${source.outputs.length}`,
        });
        return;
      }
      this.edges.push({
        id: `e${this.edges.length}`,
        source: input.source,
        sourcePort,
        target: def.name,
        targetPort: port,
      });
    });
  }
}

/**
 * The JSON text of an unsupported node's attributes, kept for export; null when they nest deeper
 * than JSON.stringify can go (fields a GraphDef does not have pass the schema unchecked).
 */
function jsonOf(attrs: TfAttrs): string | null {
  try {
    return JSON.stringify(attrs);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** The node's inputs other than control dependencies (`^name`), as source and output index. */
function dataInputs(def: GraphDefNode): DataInput[] {
  return (def.input ?? [])
    .filter((name) => !name.startsWith('^'))
    .map((name) => {
      const colon = name.lastIndexOf(':');
      const index = colon < 0 ? NaN : Number(name.slice(colon + 1));
      return Number.isInteger(index) ? { source: name.slice(0, colon), index } : { source: name, index: 0 };
    });
}

/**
 * The input port that takes the TF node's input at `position` of `count`: TF's inputs come in the
 * op's input order, a variadic input taking as many as the others leave. With a port name instead
 * of a position: that port's position, or null when the node has no input for it.
 */
function portIndex(op: AnyOpSignature, position: number | string, count: number): string | null {
  const ports = Object.entries(op.inputs);
  const variadic = ports.findIndex(([, spec]) => spec.variadic);
  const listLength = variadic < 0 ? 0 : count - (ports.length - 1);
  let at = 0;
  for (const [k, [name, spec]] of ports.entries()) {
    const taking = k === variadic ? listLength : 1;
    if (typeof position === 'string') {
      if (name === position) return at < count && taking > 0 ? name : null;
    } else if (position < at + taking) return spec.variadic ? variadicPort(name, position - at) : name;
    at += taking;
  }
  return null;
}

const defaultsOf = new WeakMap<AnyOpSignature, Record<string, AttrValue>>();

function defaults(op: AnyOpSignature): Record<string, AttrValue> {
  let values = defaultsOf.get(op);
  if (!values)
    defaultsOf.set(op, (values = Object.fromEntries(Object.entries(op.attrs).map(([n, s]) => [n, s.default]))));
  return values;
}
