import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape } from '../../graph/shape';
import type { Shape, TensorType } from '../../graph/types';
import type { AnyCodeArgs, CodeHelper, Tensor } from '../define-op';
import { FLOAT } from '../dtypes';

/**
 * The lowest float32: the score threshold when none is given. TensorFlow's Python API passes -∞,
 * which an attribute cannot hold (a graph file is JSON); a tensor input can still supply it.
 */
const LOWEST_FLOAT32 = -3.4028234663852886e38;

/** The inputs every version takes; TensorFlow takes the thresholds and the size as tensors. */
export const nmsInputs = {
  boxes: { dtypes: FLOAT, doc: '[n, 4]: each box as two opposite corners [y1, x1, y2, x2], in either order' },
  scores: { dtypes: FLOAT, doc: '[n]: one score a box' },
  max_output_size: { dtypes: ['int32'], attr: 'max_output_size' },
  iou_threshold: { dtypes: FLOAT, attr: 'iou_threshold' },
  score_threshold: { dtypes: FLOAT, attr: 'score_threshold' },
} as const;

export const nmsAttrs = {
  max_output_size: fromInput(attr.int(10, { min: 0, doc: 'the most boxes to select' }), 'max_output_size'),
  iou_threshold: fromInput(
    attr.float(0.5, { min: 0, max: 1, doc: 'a box that overlaps a selected one by more than this (IoU) is dropped' }),
    'iou_threshold',
  ),
  score_threshold: fromInput(
    attr.float(LOWEST_FLOAT32, { doc: 'only boxes scoring more than this are selected' }),
    'score_threshold',
  ),
};

export const padAttr = attr.bool(false, { doc: 'pad the selection with zeros to max_output_size entries' });

export const softNmsSigmaInput = { dtypes: FLOAT, attr: 'soft_nms_sigma' } as const;

export const softNmsSigmaAttr = fromInput(
  attr.float(0, { min: 0, doc: 'above 0, soft NMS: overlapping boxes keep their score times exp(-IoU² / 2σ)' }),
  'soft_nms_sigma',
);

/**
 * TensorFlow's checks of the inputs: boxes [n, 4], scores [n] and scalar thresholds and size; and
 * the shape of the selection: max_output_size entries when padded, else as many as are selected.
 */
export function selectionShape(
  inputs: Readonly<Record<string, TensorType | undefined>>,
  maxOutputSize: number | undefined,
  pad: boolean,
): Shape {
  const boxes = inputs['boxes']!.shape;
  const scores = inputs['scores']!.shape;
  if (boxes !== null && (boxes.length !== 2 || !dimsAgree(boxes[1]!, 4)))
    throw new InferError('shape', `boxes must be [n, 4], got ${formatShape(boxes)}`, { port: 'boxes' });
  if (scores !== null && scores.length !== 1)
    throw new InferError('shape', `scores must be a vector, got ${formatShape(scores)}`, { port: 'scores' });
  if (boxes !== null && scores !== null && !dimsAgree(boxes[0]!, scores[0]!))
    throw new InferError('shape', `scores has ${scores[0]} entries for ${boxes[0]} boxes`, { port: 'scores' });
  for (const port of ['max_output_size', 'iou_threshold', 'score_threshold', 'soft_nms_sigma']) {
    const shape = inputs[port]?.shape;
    if (shape && shape.length > 0)
      throw new InferError('shape', `${port} must be a scalar, got ${formatShape(shape)}`, { port });
  }
  return [pad ? (maxOutputSize ?? null) : null];
}

export interface SelectionAttrs {
  readonly max_output_size: number;
  readonly iou_threshold: number;
  readonly score_threshold: number;
  readonly soft_nms_sigma: number;
  readonly pad_to_max_output_size: boolean;
}

/** The boxes selected, best first, with their scores (lowered by soft NMS), and how many there are before padding. */
export interface Selection {
  readonly indices: Int32Array;
  readonly scores: Float32Array;
  readonly valid: number;
}

/** Reads boxes and scores back from the device and selects among them as TensorFlow's kernel does. */
export async function selectBoxes(boxes: Tensor, scores: Tensor, attrs: SelectionAttrs): Promise<Selection> {
  const [corners, given] = (await Promise.all([boxes.data(), scores.data()])) as [Float32Array, Float32Array];
  const { indices, kept } = greedySelection(corners, given, attrs);
  const length = attrs.pad_to_max_output_size ? attrs.max_output_size : indices.length;
  // Typed arrays start zeroed: the padding TensorFlow gives.
  const selection = { indices: new Int32Array(length), scores: new Float32Array(length), valid: indices.length };
  selection.indices.set(indices);
  selection.scores.set(kept);
  return selection;
}

const f32 = Math.fround;

/**
 * TensorFlow's NonMaxSuppression kernel, step by step in float32: take the best remaining box; it
 * is dropped if it overlaps a selected box by more than the IoU threshold, or, in soft NMS, loses
 * score for each overlap and goes back into the queue; a box whose score stays as it was is
 * selected. Each candidate is compared with each selected box at most once.
 */
function greedySelection(
  boxes: Float32Array,
  scores: Float32Array,
  attrs: SelectionAttrs,
): { indices: number[]; kept: number[] } {
  // TensorFlow takes the thresholds as float32 tensors.
  const iouThreshold = f32(attrs.iou_threshold);
  const scoreThreshold = f32(attrs.score_threshold);
  const sigma = f32(attrs.soft_nms_sigma);
  const soft = sigma > 0;
  const scale = soft ? f32(-0.5 / sigma) : 0;
  const queue = new CandidateQueue();
  for (let i = 0; i < scores.length; i++)
    if (scores[i]! > scoreThreshold) queue.push({ index: i, score: scores[i]!, compared: 0 });
  const indices: number[] = [];
  const kept: number[] = [];
  while (indices.length < attrs.max_output_size && queue.size > 0) {
    const candidate = queue.pop();
    const original = candidate.score;
    let suppressed = false;
    // Backwards from the latest selected: overlapping boxes tend to have similar scores.
    for (let j = indices.length - 1; j >= candidate.compared; j--) {
      const similarity = iou(boxes, candidate.index, indices[j]!);
      const weight = soft || similarity <= iouThreshold ? f32(Math.exp(f32(f32(scale * similarity) * similarity))) : 0;
      candidate.score = f32(candidate.score * weight);
      if (!soft && similarity > iouThreshold) {
        suppressed = true;
        break;
      }
      if (candidate.score <= scoreThreshold) break;
    }
    candidate.compared = indices.length;
    if (suppressed) continue;
    if (candidate.score === original) {
      indices.push(candidate.index);
      kept.push(candidate.score);
    } else if (candidate.score > scoreThreshold) queue.push(candidate);
  }
  return { indices, kept };
}

/** std::min and std::max, which TensorFlow's kernel uses: the first argument unless the second is strictly beyond it. */
const min = (a: number, b: number) => (b < a ? b : a);
const max = (a: number, b: number) => (a < b ? b : a);

/** Intersection over union of boxes i and j in float32, 0 if either has no area, as TensorFlow computes it. */
function iou(boxes: Float32Array, i: number, j: number): number {
  const [a, b] = [4 * i, 4 * j];
  const yMinI = min(boxes[a]!, boxes[a + 2]!);
  const xMinI = min(boxes[a + 1]!, boxes[a + 3]!);
  const yMaxI = max(boxes[a]!, boxes[a + 2]!);
  const xMaxI = max(boxes[a + 1]!, boxes[a + 3]!);
  const yMinJ = min(boxes[b]!, boxes[b + 2]!);
  const xMinJ = min(boxes[b + 1]!, boxes[b + 3]!);
  const yMaxJ = max(boxes[b]!, boxes[b + 2]!);
  const xMaxJ = max(boxes[b + 1]!, boxes[b + 3]!);
  const areaI = f32(f32(yMaxI - yMinI) * f32(xMaxI - xMinI));
  const areaJ = f32(f32(yMaxJ - yMinJ) * f32(xMaxJ - xMinJ));
  if (areaI <= 0 || areaJ <= 0) return 0;
  const height = max(f32(min(yMaxI, yMaxJ) - max(yMinI, yMinJ)), 0);
  const width = max(f32(min(xMaxI, xMaxJ) - max(xMinI, xMinJ)), 0);
  const intersection = f32(height * width);
  return f32(intersection / f32(f32(areaI + areaJ) - intersection));
}

interface Candidate {
  readonly index: number;
  score: number;
  /** How many of the selected boxes it has been compared with. */
  compared: number;
}

/** Whether a comes out of TensorFlow's priority queue before b: a higher score, or among equal scores the lower index. */
const before = (a: Candidate, b: Candidate) => a.score > b.score || (a.score === b.score && a.index < b.index);

/** A binary heap of candidates, best first. */
class CandidateQueue {
  private readonly heap: Candidate[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(c: Candidate): void {
    const heap = this.heap;
    let k = heap.push(c) - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!before(c, heap[parent]!)) break;
      heap[k] = heap[parent]!;
      k = parent;
    }
    heap[k] = c;
  }

  pop(): Candidate {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length === 0) return top;
    let k = 0;
    for (;;) {
      const left = 2 * k + 1;
      if (left >= heap.length) break;
      const child = left + 1 < heap.length && before(heap[left + 1]!, heap[left]!) ? left + 1 : left;
      if (!before(heap[child]!, last)) break;
      heap[k] = heap[child]!;
      k = child;
    }
    heap[k] = last;
    return top;
  }
}

/** selectBoxes as generated code writes it. */
const SELECT_BOXES_CODE: CodeHelper = {
  name: 'selectBoxes',
  source: `/**
 * TensorFlow's NonMaxSuppression kernel, step by step in float32: take the best remaining box (the
 * lower index among equal scores); it is dropped if it overlaps a selected box by more than the
 * IoU threshold, or, in soft NMS (sigma > 0), loses score for each overlap and goes back into the
 * queue; a box whose score stays as it was is selected. Returns the selected boxes and their
 * scores, padded with zeros to maxOutputSize when \`pad\`, and how many were selected.
 */
async function selectBoxes(
  boxes: tf.Tensor,
  scores: tf.Tensor,
  maxOutputSize: number,
  iouThreshold: number,
  scoreThreshold: number,
  softNmsSigma: number,
  pad: boolean,
): Promise<{ indices: Int32Array; scores: Float32Array; valid: number }> {
  const [corners, given] = await Promise.all([boxes.data(), scores.data()]);
  const f32 = Math.fround;
  const [threshold, least, sigma] = [f32(iouThreshold), f32(scoreThreshold), f32(softNmsSigma)];
  const scale = sigma > 0 ? f32(-0.5 / sigma) : 0;
  // std::min and std::max: the first argument unless the second is strictly beyond it.
  const min = (a: number, b: number) => (b < a ? b : a);
  const max = (a: number, b: number) => (a < b ? b : a);
  const box = (i: number) => {
    const [y1, x1, y2, x2] = [corners[4 * i]!, corners[4 * i + 1]!, corners[4 * i + 2]!, corners[4 * i + 3]!];
    return { yMin: min(y1, y2), xMin: min(x1, x2), yMax: max(y1, y2), xMax: max(x1, x2) };
  };
  const iou = (i: number, j: number) => {
    const [a, b] = [box(i), box(j)];
    const areaA = f32(f32(a.yMax - a.yMin) * f32(a.xMax - a.xMin));
    const areaB = f32(f32(b.yMax - b.yMin) * f32(b.xMax - b.xMin));
    if (areaA <= 0 || areaB <= 0) return 0;
    const height = max(f32(min(a.yMax, b.yMax) - max(a.yMin, b.yMin)), 0);
    const width = max(f32(min(a.xMax, b.xMax) - max(a.xMin, b.xMin)), 0);
    const intersection = f32(height * width);
    return f32(intersection / f32(f32(areaA + areaB) - intersection));
  };
  const queue: { index: number; score: number; compared: number }[] = [];
  for (let i = 0; i < given.length; i++) if (given[i]! > least) queue.push({ index: i, score: given[i]!, compared: 0 });
  const indices: number[] = [];
  const kept: number[] = [];
  while (indices.length < maxOutputSize && queue.length > 0) {
    let best = 0;
    for (let k = 1; k < queue.length; k++) {
      const [a, b] = [queue[k]!, queue[best]!];
      if (a.score > b.score || (a.score === b.score && a.index < b.index)) best = k;
    }
    const candidate = queue.splice(best, 1)[0]!;
    const original = candidate.score;
    let suppressed = false;
    // Each candidate is compared with each selected box once, backwards from the latest.
    for (let j = indices.length - 1; j >= candidate.compared; j--) {
      const similarity = iou(candidate.index, indices[j]!);
      const weight = sigma > 0 || similarity <= threshold ? f32(Math.exp(f32(f32(scale * similarity) * similarity))) : 0;
      candidate.score = f32(candidate.score * weight);
      if (sigma <= 0 && similarity > threshold) {
        suppressed = true;
        break;
      }
      if (candidate.score <= least) break;
    }
    candidate.compared = indices.length;
    if (suppressed) continue;
    if (candidate.score === original) {
      indices.push(candidate.index);
      kept.push(candidate.score);
    } else if (candidate.score > least) queue.push(candidate);
  }
  const length = pad ? maxOutputSize : indices.length;
  const selection = { indices: new Int32Array(length), scores: new Float32Array(length), valid: indices.length };
  selection.indices.set(indices);
  selection.scores.set(kept);
  return selection;
}`,
};

/**
 * The selection as code: the call, then each output the op has (`made`: selected_indices,
 * selected_scores, valid_outputs) from what it returns.
 */
export function selectionCode(
  { inputs, attr, outputs, helper }: AnyCodeArgs,
  sigma: string,
  pad: string,
  made: readonly ('indices' | 'scores' | 'valid')[],
): string | { lines: string[] } {
  const bounds = ['max_output_size', 'iou_threshold', 'score_threshold'].map(attr);
  const call = `${helper(SELECT_BOXES_CODE)}(${[inputs['boxes'], inputs['scores'], ...bounds, sigma, pad].join(', ')})`;
  const tensor = (s: string, part: (typeof made)[number]) =>
    part === 'valid'
      ? `tf.scalar(${s}.valid, 'int32')`
      : part === 'scores'
        ? `tf.tensor1d(${s}.scores)`
        : `tf.tensor1d(${s}.indices, 'int32')`;
  if (made.length === 1) return tensor(`(await ${call})`, made[0]!);
  const list = made.map((part) => tensor('selection', part)).join(', ');
  return { lines: [`const [${Object.values(outputs).join(', ')}] = await ${call}.then((selection) => [${list}]);`] };
}
