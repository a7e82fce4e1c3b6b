import fc from 'fast-check';
import type { AttrSpec } from '../../src/graph/attrs';
import type { AttrValue, DType, Graph, GraphEdge, GraphNode, PortRef, TensorType } from '../../src/graph/types';
import { validateGraph } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';
import { seededRandom } from '../support/random';
import { PROTOTYPE_KEYS } from '../support/object-prototype';

/**
 * Ops whose inputs any small tensor of the right dtype satisfies, so that a random wiring is often
 * valid: elementwise math, comparisons and activations, reductions, matrix products and shape ops
 * whose attributes come from a short list. Ops that read values as indices (GatherV2, OneHot) or
 * draw random numbers are left out: their values are not the same from run to run by design.
 */
const OPS_UNDER_TEST = [
  ...['AddV2', 'Sub', 'Mul', 'RealDiv', 'FloorDiv', 'FloorMod', 'Pow', 'Maximum', 'Minimum', 'SquaredDifference'],
  ...['AddN', 'Neg', 'Abs', 'Sign', 'Square', 'Sqrt', 'Rsqrt', 'Reciprocal', 'Exp', 'Log', 'Log1p'],
  ...['Sin', 'Cos', 'Tan', 'Floor', 'Ceil', 'Round', 'Erf', 'Cumsum'],
  ...['Equal', 'NotEqual', 'Less', 'GreaterEqual', 'LogicalAnd', 'LogicalOr', 'LogicalNot', 'SelectV2'],
  ...['Relu', 'Relu6', 'LeakyRelu', 'Elu', 'Selu', 'Softplus', 'Sigmoid', 'Tanh', 'Softmax', 'LogSoftmax'],
  ...['MatMul', 'BatchMatMulV2', 'BiasAdd'],
  ...['Sum', 'Mean', 'Max', 'Min', 'Prod', 'All', 'Any', 'ArgMax', 'ArgMin'],
  ...['Reshape', 'Transpose', 'ConcatV2', 'Pack', 'ExpandDims', 'Squeeze', 'Tile', 'Cast', 'Identity'],
  ...['ZerosLike', 'OnesLike', 'Shape', 'Slice', 'Pad', 'Where'],
] as const;

/** A script node (negating its input) stands in the list too: its port names are the user's. */
const SCRIPT = 'TensorScript';

/** Lists an `ints` attribute takes: axes, permutations, shapes, paddings, multiples. */
const INT_LISTS: readonly (readonly number[])[] = [
  [0],
  [1],
  [-1],
  [0, 1],
  [1, 0],
  [1, -1],
  [-1, 2],
  [2, -1],
  [1, 2],
  [2],
  [1, 1],
  [2, 2],
  [0, 2, 1],
  [2, 1, 0],
  [0, 1, 1, 0],
  [1, 1, 0, 0],
  [0, 0, 1, 2, 0, 0],
];

/** Node ids other than `n3`: Object.prototype's keys, a space, a colon, letters outside ASCII, digits. */
const UNUSUAL_IDS = [...PROTOTYPE_KEYS.slice(0, 5), 'a b', 'x:1', 'ünï', '0', 'e0'];
/** Script port names: valid JavaScript parameter names, some of them Object.prototype's keys. */
const SCRIPT_PORT_NAMES = ['x', 'y', ...PROTOTYPE_KEYS.slice(0, 5)];

/** The largest output a generated node may have: the point is many small graphs, quickly. */
const MAX_ELEMENTS = 256;
/** Attempts per step: each varies the wiring and attributes until validation accepts the node. */
const ATTEMPTS = 6;

export interface FeedRecipe {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly seed: number;
  /** A Const (folded in graph mode) rather than a Placeholder. */
  readonly constant: boolean;
}

export interface StepRecipe {
  readonly op: (typeof OPS_UNDER_TEST)[number] | typeof SCRIPT;
  /** Which available values feed the inputs. */
  readonly picks: readonly number[];
  /** 0: every attribute at its default; otherwise a seed for their choice. */
  readonly choice: number;
  /** Which id the node gets: past the unusual ids, a plain `n<k>`. */
  readonly name: number;
}

/** What a graph is built from; fast-check shrinks it, which shrinks the graph. */
export interface GraphRecipe {
  readonly feeds: readonly FeedRecipe[];
  readonly steps: readonly StepRecipe[];
  /** Ask for every node's outputs, rather than the sinks only (graph mode then frees nothing early). */
  readonly everyOutput: boolean;
}

const dim = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 9 },
  { arbitrary: fc.constant(0), weight: 1 },
);

export const graphRecipe: fc.Arbitrary<GraphRecipe> = fc.record({
  feeds: fc.array(
    fc.record({
      dtype: fc.constantFrom<DType>('float32', 'float32', 'int32', 'bool'),
      // Also shapes that matrix products and bias additions fit, which random ones rarely are.
      shape: fc.oneof(fc.array(dim, { maxLength: 3 }), fc.constantFrom([2, 3], [3, 2], [3, 3], [2, 2, 3], [3])),
      seed: fc.nat(),
      constant: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  steps: fc.array(
    fc.record({
      // One step in ten is a script, whose port names are the user's to choose.
      op: fc.oneof(
        { arbitrary: fc.constantFrom(...OPS_UNDER_TEST), weight: 9 },
        { arbitrary: fc.constant(SCRIPT), weight: 1 },
      ),
      picks: fc.array(fc.nat(15), { minLength: 4, maxLength: 4 }),
      choice: fc.nat(),
      name: fc.nat(UNUSUAL_IDS.length * 3),
    }),
    { minLength: 1, maxLength: 10 },
  ),
  everyOutput: fc.boolean(),
});

/** An output that later nodes may read. */
interface Available extends PortRef {
  readonly type: TensorType;
}

export interface BuiltGraph {
  readonly graph: Graph;
  /** Every output of every node. */
  readonly outputs: readonly PortRef[];
}

/**
 * How nodes and script ports are named: as the recipe says (Object.prototype's keys among
 * others), or plainly (`n3`, `x`, `y`), which must give the same graph with the same values.
 */
export type Naming = 'unusual' | 'plain';

/**
 * A graph that validation accepts: feeds, then each step's node where some attempt at wiring it
 * is valid (a step with none is left out). Deterministic in the recipe.
 */
export function buildGraph(recipe: GraphRecipe, naming: Naming = 'unusual'): BuiltGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const available: Available[] = [];
  const usedIds = new Set<string>();
  const idFor = (name: number) => {
    const unusual = naming === 'unusual' ? UNUSUAL_IDS[name] : undefined;
    const id = unusual !== undefined && !usedIds.has(unusual) ? unusual : `n${nodes.length}`;
    usedIds.add(id);
    return id;
  };

  for (const feed of recipe.feeds) {
    const id = `in${nodes.length}`;
    usedIds.add(id);
    nodes.push({ id, op: feed.constant ? 'Const' : 'Placeholder', attrs: { value: feedValue(feed) } });
    available.push({ node: id, port: 'output', type: { dtype: feed.dtype, shape: [...feed.shape] } });
  }
  for (const step of recipe.steps) {
    const id = idFor(step.name);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const made =
        step.op === SCRIPT ? scriptNode(id, step, attempt, available, naming) : opNode(id, step, attempt, available);
      if (!made) continue;
      const candidate = { nodes: [...nodes, made.node], edges: [...edges, ...made.edges] };
      const validation = validateGraph(candidate, registry);
      const types = validation.nodes.get(id)?.types;
      if (!validation.ok || !types || Object.values(types).some((t) => !small(t))) continue;
      nodes.push(made.node);
      edges.push(...made.edges);
      for (const [port, type] of Object.entries(types)) available.push({ node: id, port, type });
      break;
    }
  }
  return { graph: { nodes, edges }, outputs: available.map(({ node, port }) => ({ node, port })) };
}

function small({ shape }: TensorType): boolean {
  return shape === null || shape.reduce<number>((n, d) => n * (d ?? 1), 1) <= MAX_ELEMENTS;
}

function feedValue({ dtype, shape, seed }: FeedRecipe): AttrValue {
  const random = seededRandom(seed);
  const count = shape.reduce((a, b) => a * b, 1);
  const value = (): number => {
    if (dtype === 'bool') return random() < 0.5 ? 1 : 0;
    if (dtype === 'int32') return Math.floor(random() * 9) - 4;
    // Now and then a value at an edge, to check that NaN, ±Infinity and -0 travel alike in both modes.
    if (random() < 0.03) return [NaN, Infinity, -Infinity, -0][Math.floor(random() * 4)]!;
    return Math.round((random() * 6 - 3) * 100) / 100;
  };
  return { dtype, shape: [...shape], values: Array.from({ length: count }, value) };
}

interface MadeNode {
  readonly node: GraphNode;
  readonly edges: GraphEdge[];
}

function opNode(id: string, step: StepRecipe, attempt: number, available: readonly Available[]): MadeNode | null {
  const op = registry.get(step.op)!;
  const edges: GraphEdge[] = [];
  let firstDtype: DType | null = null;
  let slot = 0;
  for (const [input, spec] of Object.entries(op.inputs)) {
    // An input that supplies an attribute is left to the attribute.
    if (spec.attr) continue;
    const fitting = available.filter((a) => spec.dtypes.includes(a.type.dtype));
    // The inputs of most ops share one dtype: prefer the first one's.
    const same = fitting.filter((a) => a.type.dtype === firstDtype);
    const candidates = same.length ? same : fitting;
    if (!candidates.length) return null;
    const count = spec.variadic ? 1 + (step.picks[slot % 4]! % 3) : 1;
    for (let k = 0; k < count; k++, slot++) {
      const source = candidates[(step.picks[slot % 4]! + attempt * (slot + 1)) % candidates.length]!;
      firstDtype ??= source.type.dtype;
      edges.push(edge(edges.length, source, id, spec.variadic ? `${input}:${k}` : input));
    }
  }
  const random = seededRandom(step.choice * 7919 + attempt);
  const defaults = step.choice === 0 && attempt === 0;
  const attrs: Record<string, AttrValue> = {};
  for (const [name, spec] of Object.entries(op.attrs)) {
    const options = attrOptions(spec);
    attrs[name] = defaults ? spec.default : options[Math.floor(random() * options.length)]!;
  }
  return { node: { id, op: op.name, attrs }, edges };
}

function attrOptions(spec: AttrSpec): readonly AttrValue[] {
  switch (spec.kind) {
    case 'int':
      return [spec.default, 0, 1, -1, 2];
    case 'float':
      return [spec.default, 0.5, -1];
    case 'bool':
      return [spec.default, !spec.default];
    case 'enum':
    case 'dtype':
      return spec.options;
    case 'ints':
      return [spec.default, ...INT_LISTS, ...(spec.nullable ? [null] : [])];
    default:
      return [spec.default];
  }
}

/** A TensorScript that negates one float32 input, its ports named from a list that includes Object.prototype's keys. */
function scriptNode(
  id: string,
  step: StepRecipe,
  attempt: number,
  available: readonly Available[],
  naming: Naming,
): MadeNode | null {
  const candidates = available.filter((a) => a.type.dtype === 'float32' && a.type.shape?.every((d) => d !== null));
  const source = candidates[(step.picks[0]! + attempt) % Math.max(1, candidates.length)];
  if (!source) return null;
  const portName = (pick: number, plainName: string) =>
    naming === 'plain' ? plainName : SCRIPT_PORT_NAMES[pick % SCRIPT_PORT_NAMES.length]!;
  const input = portName(step.picks[1]!, 'x');
  const output = portName(step.picks[2]!, 'y');
  const attrs: Record<string, AttrValue> = {
    inputs: [{ name: input, dtype: 'float32' }],
    outputs: [{ name: output, dtype: 'float32', shape: source.type.shape as number[] }],
    body: `return tf.neg(${input});`,
  };
  return { node: { id, op: SCRIPT, attrs }, edges: [edge(0, source, id, input)] };
}

function edge(index: number, source: PortRef, target: string, targetPort: string): GraphEdge {
  return { id: `${target}.e${index}`, source: source.node, sourcePort: source.port, target, targetPort };
}

/** A recipe's graph named both ways; `nameOf` maps each plain output (`node.port`) to the unusually named one. */
export interface NamedTwice {
  readonly unusual: BuiltGraph;
  readonly plain: BuiltGraph;
  readonly nameOf: ReadonlyMap<string, string>;
}

/** Null when the names changed which nodes validation accepted, which they must not. */
export function buildNamedTwice(recipe: GraphRecipe): NamedTwice | null {
  const unusual = buildGraph(recipe, 'unusual');
  const plain = buildGraph(recipe, 'plain');
  const ops = (built: BuiltGraph) => built.graph.nodes.map((n) => n.op).join();
  if (ops(unusual) !== ops(plain) || unusual.outputs.length !== plain.outputs.length) return null;
  const key = ({ node, port }: PortRef) => `${node}.${port}`;
  return { unusual, plain, nameOf: new Map(plain.outputs.map((o, i) => [key(o), key(unusual.outputs[i]!)])) };
}
