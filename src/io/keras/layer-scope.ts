import { elementCount, type AttrValue, type Dim, type TensorLiteral } from '../../graph/types';
import type { ImportNote } from '../graph-model/import-graph-model';
import { LayerRefusal, type GraphEmitter, type Tensor } from './graph-emitter';

/** A weight by its name in the manifest, or why there is none to read. */
export type WeightSource = (name: string) => TensorLiteral | string;

/**
 * What a layer expansion makes its nodes with, for one call of one layer: node ids under
 * `prefix` (`dense/MatMul`), and weights as constants under the layer's name (`dense/kernel`),
 * made once however often the layer is called.
 */
export class LayerScope {
  constructor(
    private readonly emitter: GraphEmitter,
    private readonly weights: WeightSource,
    private readonly notes: ImportNote[],
    readonly layerName: string,
    private readonly prefix: string,
  ) {}

  /** A node of `opName` named `<prefix>/<name>`; its first output. */
  op(
    opName: string,
    inputs: Readonly<Record<string, Tensor | readonly Tensor[]>>,
    attrs: Readonly<Record<string, AttrValue>> = {},
    name = opName,
  ): Tensor {
    return this.emitter.node(this.emitter.uniqueId(`${this.prefix}/${name}`), opName, inputs, attrs)[0]!;
  }

  /**
   * The layer's weight `<layer>/<name>` as a constant; `shape` views its values in another shape of
   * the same size (a per-channel vector that broadcasts along another axis).
   */
  weight(name: string, shape?: readonly number[]): Tensor {
    const id = `${this.layerName}/${name}`;
    const made = this.emitter.existing(id);
    if (made) return made;
    const value = this.weights(id);
    if (typeof value === 'string') throw new LayerRefusal(`its weight ${id}: ${value}`);
    if (shape && elementCount(shape) !== elementCount(value.shape))
      throw new LayerRefusal(
        `its weight ${id} has shape [${value.shape.join(', ')}], not ${elementCount(shape)} values`,
      );
    return this.emitter.constant(id, shape ? { ...value, shape } : value);
  }

  /** A float32 constant `<prefix>/<name>`: a scalar, or a vector of `size` equal values. */
  scalar(name: string, value: number, size?: number): Tensor {
    const literal: TensorLiteral =
      size === undefined
        ? { dtype: 'float32', shape: [], values: [value] }
        : { dtype: 'float32', shape: [size], values: new Float32Array(size).fill(value) };
    return this.emitter.constant(this.emitter.uniqueId(`${this.prefix}/${name}`), literal);
  }

  /** Something the user should know about the node that makes `at`. */
  note(at: Tensor, message: string): void {
    this.notes.push({ nodeId: at.node, message: `${this.layerName}: ${message}` });
  }

  refuse(message: string): never {
    throw new LayerRefusal(message);
  }
}

/** The dims of a tensor the import made; its rank is always known (inputs declare their shapes). */
export function dimsOf(t: Tensor): readonly Dim[] {
  return t.type.shape!;
}

/** The sizes of every dimension but the batch, refused where one is open. */
export function knownDims(t: Tensor, scope: LayerScope, what: string): number[] {
  const dims = dimsOf(t).slice(1);
  if (dims.some((d) => d === null))
    scope.refuse(
      `${what} needs every size but the batch, and its input is [?, ${dims.map((d) => d ?? '?').join(', ')}]`,
    );
  return dims as number[];
}
