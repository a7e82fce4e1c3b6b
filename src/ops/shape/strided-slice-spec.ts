import { InferError } from '../../graph/op-signature';
import type { Dim } from '../../graph/types';

export interface SliceMasks {
  readonly begin_mask: number;
  readonly end_mask: number;
  readonly ellipsis_mask: number;
  readonly new_axis_mask: number;
  readonly shrink_axis_mask: number;
}

export interface SliceBounds {
  readonly begin: readonly number[];
  readonly end: readonly number[];
  readonly strides: readonly number[];
}

/** What one input dimension contributes: its first index, its stride and how many it takes. */
export interface DenseDim {
  readonly begin: number;
  readonly stride: number;
  /** null when the dimension or the bounds are known only when running. */
  readonly size: Dim;
}

export interface SliceSpec {
  /** Per input dimension. */
  readonly dims: readonly DenseDim[];
  /** The output's shape: the dims' sizes, without the shrunk ones, with 1 for each new axis. */
  readonly shape: Dim[];
}

const NEW_AXIS = -2;
const SHRUNK = -1;
const bit = (mask: number, i: number) => (mask & (1 << i)) !== 0;

/**
 * TensorFlow's reading of a StridedSlice (tensorflow/core/util/strided_slice_op.cc): the sparse
 * spec, one entry per begin/end/strides element with at most one ellipsis, becomes a dense one
 * per input dimension; bounds are clamped, negative ones count from the end, a masked bound runs
 * to the end the stride moves towards, and a shrunk dimension takes the single index `begin`.
 * `bounds` undefined: known only when running (`entries` of them); sizes are then open.
 */
export function stridedSliceSpec(
  shape: readonly Dim[],
  bounds: SliceBounds | undefined,
  entries: number,
  masks: SliceMasks,
): SliceSpec {
  if (bounds) checkLengths(bounds);
  // TensorFlow's masks have 32 bits.
  if (entries >= 32) throw new InferError('attr', `at most 31 entries, got ${entries}`, { attr: 'begin' });
  const { ellipsis_mask, new_axis_mask } = masks;
  if (ellipsis_mask & (ellipsis_mask - 1))
    throw new InferError('attr', 'ellipsis_mask may set one bit only: at most one ellipsis', {
      attr: 'ellipsis_mask',
    });
  let sparse = entries;
  let ellipsis = ellipsis_mask;
  let newAxesAfterEllipsis = 0;
  let seen = false;
  for (let i = 0; i < sparse; i++) {
    if (seen && bit(new_axis_mask, i)) newAxesAfterEllipsis++;
    if (bit(ellipsis, i)) seen = true;
  }
  // A spec without an ellipsis has one at its end.
  if (!seen) ellipsis |= 1 << sparse++;

  const rank = shape.length;
  const dense: {
    begin: number;
    end: number;
    stride: number;
    beginMasked: boolean;
    endMasked: boolean;
    shrink: boolean;
    /** Stands in an ellipsis: the whole dimension, even before the bounds are known. */
    whole: boolean;
  }[] = [];
  const gather: number[] = [];
  for (let i = 0; i < sparse; i++) {
    if (bit(ellipsis, i)) {
      const next = Math.min(rank - (sparse - i) + 1 + newAxesAfterEllipsis, rank);
      while (dense.length < next) {
        gather.push(dense.length);
        dense.push({ begin: 0, end: 0, stride: 1, beginMasked: true, endMasked: true, shrink: false, whole: true });
      }
    } else if (bit(new_axis_mask, i)) gather.push(NEW_AXIS);
    else {
      if (dense.length === rank)
        throw new InferError('attr', `entry ${i} indexes dimension ${rank}, but the input has only ${rank}`, {
          attr: 'begin',
        });
      const shrink = bit(masks.shrink_axis_mask, i);
      gather.push(shrink ? SHRUNK : dense.length);
      dense.push({
        begin: bounds?.begin[i] ?? 0,
        end: bounds?.end[i] ?? 0,
        stride: bounds?.strides[i] ?? 1,
        beginMasked: bit(masks.begin_mask, i),
        endMasked: bit(masks.end_mask, i),
        shrink,
        whole: false,
      });
    }
  }

  const dims = dense.map((d, i): DenseDim => {
    const { stride, shrink } = d;
    if (bounds && stride === 0) throw new InferError('attr', `strides[${i}] must be non-zero`, { attr: 'strides' });
    const dim = shape[i]!;
    if (d.whole) return { begin: 0, stride, size: dim };
    if (dim === null || !bounds) return { begin: 0, stride, size: shrink ? 1 : null };
    if (shrink) {
      if (stride < 0)
        throw new InferError('attr', `dimension ${i} takes a single index: its stride must be positive`, {
          attr: 'strides',
        });
      const index = d.begin < 0 ? dim + d.begin : d.begin;
      if (index < 0 || index >= dim)
        throw new InferError('attr', `index ${d.begin} is out of bounds for dimension ${i} of size ${dim}`, {
          attr: 'begin',
        });
      return { begin: index, stride, size: 1 };
    }
    // The first and last positions a bound may take: one before each end when walking backwards.
    const low = stride > 0 ? 0 : -1;
    const high = stride > 0 ? dim : dim - 1;
    const canonical = (x: number, masked: boolean, atEnd: boolean) => {
      if (masked) return stride > 0 === atEnd ? high : low;
      const forward = x < 0 ? dim + x : x;
      return Math.min(Math.max(forward, low), high);
    };
    const begin = canonical(d.begin, d.beginMasked, false);
    const interval = canonical(d.end, d.endMasked, true) - begin;
    const size = interval === 0 || interval < 0 !== stride < 0 ? 0 : Math.ceil(interval / stride);
    return { begin, stride, size };
  });
  return {
    dims,
    shape: gather.flatMap((g) => (g === NEW_AXIS ? [1] : g === SHRUNK ? [] : [dims[g]!.size])),
  };
}

function checkLengths({ begin, end, strides }: SliceBounds): void {
  if (begin.length !== strides.length || end.length !== strides.length)
    throw new InferError(
      'attr',
      `begin, end and strides must have one length, got ${begin.length}, ${end.length} and ${strides.length}`,
      { attr: 'strides' },
    );
}
