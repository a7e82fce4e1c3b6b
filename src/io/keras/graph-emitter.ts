import { InferError, type AnyOpSignature } from '../../graph/op-signature';
import { own, setOwn } from '../../graph/own';
import { variadicPort } from '../../graph/ports';
import type { OpRegistry } from '../../graph/registry';
import { formatType } from '../../graph/shape';
import type { AttrValue, Graph, GraphEdge, GraphNode, TensorLiteral, TensorType } from '../../graph/types';

/** One output of a node the import made, with the type inference gave it (the batch size left open). */
export interface Tensor {
  readonly node: string;
  readonly port: string;
  readonly type: TensorType;
}

/** Why a layer cannot become ops; the import names the layer. */
export class LayerRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LayerRefusal';
  }
}

/**
 * Builds the graph node by node, inferring each node's output types as it goes: layer expansions
 * need the shapes Keras knows statically (Flatten's size, Concatenate's axis), and a weight that
 * does not fit its layer is refused at that layer rather than found later on the canvas.
 */
export class GraphEmitter {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly made = new Map<string, Tensor>();

  constructor(private readonly registry: OpRegistry<AnyOpSignature>) {}

  graph(name: string | undefined): Graph {
    return { ...(name !== undefined && { name }), nodes: this.nodes, edges: this.edges };
  }

  /** `base`, or `base_1`, `base_2`, … when taken, as TensorFlow names repeats within a scope. */
  uniqueId(base: string): string {
    let id = base;
    for (let k = 1; this.made.has(id); k++) id = `${base}_${k}`;
    return id;
  }

  /** The first output of node `id`, if the import made it. */
  existing(id: string): Tensor | undefined {
    return this.made.get(id);
  }

  /** A graph input holding `value`, typed as `type` (its batch size open) for the layers after it. */
  placeholder(id: string, value: TensorLiteral, type: TensorType): Tensor {
    this.nodes.push({ id, op: 'Placeholder', attrs: { value } });
    return this.remember({ node: id, port: this.op('Placeholder').outputs[0]!, type });
  }

  constant(id: string, value: TensorLiteral): Tensor {
    return this.node(id, 'Const', {}, { value })[0]!;
  }

  /** A node of `opName` reading `inputs` (a list for a variadic port); its outputs in the op's order. */
  node(
    id: string,
    opName: string,
    inputs: Readonly<Record<string, Tensor | readonly Tensor[]>>,
    attrs: Readonly<Record<string, AttrValue>>,
  ): Tensor[] {
    const op = this.op(opName);
    const types: Record<string, TensorType | TensorType[]> = {};
    for (const [port, value] of Object.entries(inputs)) {
      const list = Array.isArray(value) ? (value as readonly Tensor[]) : [value as Tensor];
      const { dtypes } = own(op.inputs, port)!;
      for (const t of list)
        if (!dtypes.includes(t.type.dtype))
          throw new LayerRefusal(
            `${opName}.${port} takes ${dtypes.join(' or ')}, but ${t.node} is ${formatType(t.type)}`,
          );
      setOwn(types, port, Array.isArray(value) ? list.map((t) => t.type) : list[0]!.type);
    }
    const defaults = Object.fromEntries(Object.entries(op.attrs).map(([name, spec]) => [name, spec.default]));
    let outputs: Readonly<Record<string, TensorType>>;
    try {
      outputs = op.infer(types as never, { ...defaults, ...attrs } as never);
    } catch (error) {
      if (error instanceof InferError) throw new LayerRefusal(`${opName} ${id}: ${error.message}`);
      throw error;
    }
    this.nodes.push({ id, op: opName, attrs });
    for (const [port, value] of Object.entries(inputs)) {
      const list = Array.isArray(value) ? (value as readonly Tensor[]) : [value as Tensor];
      list.forEach((source, k) =>
        this.edges.push({
          id: `e${this.edges.length}`,
          source: source.node,
          sourcePort: source.port,
          target: id,
          targetPort: Array.isArray(value) ? variadicPort(port, k) : port,
        }),
      );
    }
    const made = op.outputs.map((port) => ({ node: id, port, type: own(outputs, port)! }));
    this.remember(made[0]!);
    return made;
  }

  private remember(t: Tensor): Tensor {
    this.made.set(t.node, t);
    return t;
  }

  private op(name: string): AnyOpSignature {
    const op = this.registry.get(name);
    if (!op) throw new LayerRefusal(`Tensorloom has no ${name} op`);
    return op;
  }
}
