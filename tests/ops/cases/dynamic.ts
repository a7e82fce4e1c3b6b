import type * as tfjs from '@tensorflow/tfjs';
import type { OpCase } from '../op-case';

type T1 = tfjs.Tensor1D;
type T2 = tfjs.Tensor2D;

/** Three boxes: the second overlaps the first (IoU 9/11), the third neither; scores 0.9, 0.8, 0.7. */
const OVERLAPPING = {
  boxes: { shape: [3, 4], values: [0, 0, 1, 1, 0, 0.1, 1, 1.1, 2, 2, 3, 3] },
  scores: { shape: [3], values: [0.9, 0.8, 0.7] },
};
/** Twelve random boxes, their corners in any order, and random scores. */
const RANDOM = {
  boxes: { shape: [12, 4], range: [0, 1] as [number, number] },
  scores: { shape: [12], range: [0, 1] as [number, number] },
};

export const cases: OpCase[] = [
  {
    op: 'Where',
    title: 'bool, by hand',
    inputs: { input: { shape: [2, 3], dtype: 'bool', values: [1, 0, 0, 0, 1, 1] } },
    expected: { index: [0, 0, 1, 1, 1, 2] },
  },
  {
    op: 'Where',
    title: 'float32: NaN and inf count, -0 does not, by hand',
    inputs: { input: { shape: [5], values: [0, NaN, -0, Infinity, 1e-30] } },
    expected: { index: [1, 3, 4] },
  },
  {
    op: 'Where',
    title: 'int32 rank 3, by hand',
    inputs: { input: { shape: [2, 2, 2], dtype: 'int32', values: [0, 1, 0, 0, 0, 0, -3, 0] } },
    expected: { index: [0, 0, 1, 1, 1, 0] },
  },
  {
    op: 'Where',
    title: 'empty, by hand',
    inputs: { input: { shape: [0, 3] } },
    expected: { index: [] },
  },
  {
    op: 'NonMaxSuppressionV3',
    title: 'the overlapping box is dropped, by hand',
    inputs: OVERLAPPING,
    attrs: { max_output_size: 3, iou_threshold: 0.5 },
    expected: { selected_indices: [0, 2] },
  },
  {
    op: 'NonMaxSuppressionV3',
    title: 'random boxes',
    inputs: RANDOM,
    attrs: { max_output_size: 6, iou_threshold: 0.3, score_threshold: 0.2 },
    reference: (tf, { boxes, scores }) => ({
      selected_indices: tf.image.nonMaxSuppression(boxes as T2, scores as T1, 6, 0.3, 0.2),
    }),
  },
  {
    op: 'NonMaxSuppressionV4',
    title: 'padded, by hand',
    inputs: OVERLAPPING,
    attrs: { max_output_size: 4, iou_threshold: 0.5, pad_to_max_output_size: true },
    expected: { selected_indices: [0, 2, 0, 0], valid_outputs: [2] },
  },
  {
    op: 'NonMaxSuppressionV4',
    title: 'random boxes, padded',
    inputs: RANDOM,
    attrs: { max_output_size: 10, iou_threshold: 0.2, pad_to_max_output_size: true },
    reference: (tf, { boxes, scores }) => {
      const { selectedIndices, validOutputs } = tf.image.nonMaxSuppressionPadded(
        boxes as T2,
        scores as T1,
        10,
        0.2,
        -Infinity,
        true,
      );
      return { selected_indices: selectedIndices!, valid_outputs: validOutputs! };
    },
  },
  {
    op: 'NonMaxSuppressionV5',
    title: 'hard NMS, padded, by hand',
    inputs: OVERLAPPING,
    attrs: { max_output_size: 3, iou_threshold: 0.5, pad_to_max_output_size: true },
    expected: { selected_indices: [0, 2, 0], selected_scores: [0.9, 0.7, 0], valid_outputs: [2] },
  },
  {
    op: 'NonMaxSuppressionV5',
    title: 'soft NMS: the overlapping box keeps 0.8 · exp(-(9/11)² / (2 · 0.5)), by hand',
    inputs: OVERLAPPING,
    attrs: { max_output_size: 3, soft_nms_sigma: 0.5 },
    expected: {
      selected_indices: [0, 2, 1],
      selected_scores: [0.9, 0.7, 0.8 * Math.exp(-((9 / 11) ** 2))],
      valid_outputs: [3],
    },
  },
  {
    op: 'NonMaxSuppressionV5',
    title: 'soft NMS on random boxes',
    inputs: RANDOM,
    attrs: { max_output_size: 8, iou_threshold: 0.5, score_threshold: 0.1, soft_nms_sigma: 0.3 },
    reference: (tf, { boxes, scores }) => {
      const { selectedIndices, selectedScores } = tf.image.nonMaxSuppressionWithScore(
        boxes as T2,
        scores as T1,
        8,
        0.5,
        0.1,
        0.3,
      );
      return {
        selected_indices: selectedIndices!,
        selected_scores: selectedScores!,
        valid_outputs: tf.scalar(selectedIndices!.size, 'int32'),
      };
    },
  },
];
