"""Ops whose output shape depends on input values: Where, and non-max suppression."""
import numpy as np
import tensorflow as tf

from .core import Case, OpSpec, rng_for
from .gen import F32, INT_EDGES, I32, NAN, INF, bools, ints, uniform

raw = tf.raw_ops
# Tensorloom's default score threshold (an attribute cannot hold TensorFlow's -inf).
LOWEST = float(np.finfo(np.float32).min)


def where_cases():
    rng = rng_for('Where')
    sparse = lambda shape: np.where(rng.random(shape) < 0.4, uniform(rng, shape), F32(0))
    return [
        Case('bool rank 1', {'input': bools(rng, [7])}),
        Case('bool rank 2', {'input': bools(rng, [3, 4])}),
        Case('bool rank 3', {'input': bools(rng, [2, 3, 4])}),
        Case('float32 rank 1: NaN and inf are true, -0 is not',
             {'input': np.array([0.0, NAN, -0.0, 1.5, -INF, 0.0, INF, 1e-30], F32)}),
        Case('float32 rank 2', {'input': sparse([4, 3])}),
        Case('float32 rank 3', {'input': sparse([2, 2, 3])}),
        Case('int32 rank 1: extremes', {'input': INT_EDGES}),
        Case('int32 rank 2', {'input': ints(rng, [3, 3], -1, 1)}),
        Case('int32 rank 3', {'input': ints(rng, [2, 3, 2], 0, 1)}),
        Case('rank 4', {'input': bools(rng, [2, 1, 3, 2])}),
        Case('all false', {'input': np.zeros([2, 3], bool)}),
        Case('all true', {'input': np.ones([2, 2, 2], bool)}),
        Case('empty', {'input': np.zeros([0, 3], F32)}),
        Case('empty in the middle', {'input': np.zeros([2, 0, 4], bool)}),
        Case('rank 8', {'input': np.ones([1, 2, 1, 1, 2, 1, 1, 1], bool)}),
        Case('a bool scalar', {'input': np.array(True)}),
        Case('a float32 scalar', {'input': np.array(2.0, F32)}),
        Case('an int32 scalar', {'input': np.array(0, I32)}),
        Case('rank 9', {'input': np.ones([1] * 9, bool)}),
    ]


def where(i, a):
    # TensorFlow's int64 indices; Tensorloom has no int64, so int32.
    return {'index': tf.cast(raw.Where(condition=i['input']), tf.int32)}


def boxes_from(corners) -> np.ndarray:
    return np.array(corners, F32).reshape(-1, 4)


# Three clusters of overlapping boxes and one alone: IoU within a cluster ranges from 0.3 to 0.8.
CLUSTERS = boxes_from([
    [0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, -0.1, 1, 0.9], [0.2, 0.2, 1.2, 1.2],
    [0, 10, 1, 11], [0, 10.1, 1, 11.1], [0.5, 10.5, 1.5, 11.5],
    [5, 5, 6, 6], [5.3, 5, 6.3, 6],
    [0, 100, 1, 101],
])
CLUSTER_SCORES = np.array([0.9, 0.75, 0.6, 0.85, 0.95, 0.5, 0.8, 0.3, 0.7, 0.1], F32)


def random_boxes(rng, n, flip=False):
    """n boxes in [0, 1]² of sides 0.1 to 0.5, some with their corners given in the other order."""
    corner = rng.uniform(0, 0.7, [n, 2])
    size = rng.uniform(0.1, 0.5, [n, 2])
    boxes = np.concatenate([corner, corner + size], axis=1).astype(F32)
    if flip:
        swap = rng.random(n) < 0.5
        boxes[swap] = boxes[swap][:, [2, 3, 0, 1]]
    return boxes


def scores(rng, n):
    return rng.uniform(0, 1, n).astype(F32)


def nms_cases(name, soft):
    """Cases for every version; V4 and V5 add padding, V5 soft NMS."""
    rng = rng_for(name)
    c = {'boxes': CLUSTERS, 'scores': CLUSTER_SCORES}
    many = {'boxes': random_boxes(rng, 40, flip=True), 'scores': scores(rng, 40)}
    cases = [
        Case('clusters', c, {'max_output_size': 10, 'iou_threshold': 0.5}),
        Case('clusters, at most 3', c, {'max_output_size': 3, 'iou_threshold': 0.5}),
        Case('clusters, IoU threshold 0.3', c, {'max_output_size': 10, 'iou_threshold': 0.3}),
        Case('clusters, IoU threshold 0: any overlap suppresses, touching does not',
             {'boxes': np.concatenate([CLUSTERS, boxes_from([[0, 101, 1, 102]])]),
              'scores': np.append(CLUSTER_SCORES, F32(0.05))}, {'max_output_size': 20, 'iou_threshold': 0.0}),
        Case('clusters, IoU threshold 1: only identical boxes suppress',
             {'boxes': np.concatenate([CLUSTERS, CLUSTERS[:2]]), 'scores': np.append(CLUSTER_SCORES, np.array([0.4, 0.45], F32))},
             {'max_output_size': 20, 'iou_threshold': 1.0}),
        Case('score threshold', c, {'max_output_size': 10, 'iou_threshold': 0.5, 'score_threshold': 0.6}),
        Case('a score equal to the threshold is left out', c,
             {'max_output_size': 10, 'iou_threshold': 0.5, 'score_threshold': float(F32(0.75))}),
        Case('default attributes', c),
        Case('max_output_size 0', c, {'max_output_size': 0}),
        Case('max_output_size past the number of boxes', c, {'max_output_size': 50, 'iou_threshold': 0.7}),
        Case('ties in scores: the lower index first',
             {'boxes': boxes_from([[0, 0, 1, 1], [0, 0.05, 1, 1.05], [0, 0.1, 1, 1.1], [3, 3, 4, 4], [0, 0, 1, 1]]),
              'scores': np.array([0.5, 0.7, 0.7, 0.7, 0.7], F32)}, {'max_output_size': 5, 'iou_threshold': 0.5}),
        Case('all scores equal', {'boxes': random_boxes(rng, 12), 'scores': np.full(12, 0.25, F32)},
             {'max_output_size': 12, 'iou_threshold': 0.4}),
        Case('corners in either order: a flipped box overlaps its twin fully',
             {'boxes': boxes_from([[0, 0, 1, 1], [1, 1, 0, 0], [1, 0, 0, 1], [2, 2, 3, 3], [3, 3, 2, 2.5]]),
              'scores': np.array([0.9, 0.8, 0.7, 0.6, 0.5], F32)}, {'max_output_size': 5, 'iou_threshold': 0.9}),
        Case('boxes without area never overlap',
             {'boxes': boxes_from([[0, 0, 1, 1], [0, 0, 0, 1], [0.5, 0.5, 0.5, 0.5], [0, 0, 1, 1]]),
              'scores': np.array([0.9, 0.8, 0.7, 0.6], F32)}, {'max_output_size': 4, 'iou_threshold': 0.1}),
        Case('negative scores pass the default threshold',
             {'boxes': CLUSTERS[:4], 'scores': np.array([-0.5, -0.1, -3.0, 0.0], F32)},
             {'max_output_size': 4, 'iou_threshold': 0.5}),
        Case('NaN scores are never selected, infinite ones are',
             {'boxes': CLUSTERS[[0, 4, 7, 9]], 'scores': np.array([NAN, INF, -INF, 0.5], F32)},
             {'max_output_size': 4, 'iou_threshold': 0.5}),
        Case('a box with a NaN corner', {'boxes': np.concatenate([boxes_from([[0, 0, NAN, 1]]), CLUSTERS[:3]]),
                                         'scores': np.array([0.9, 0.8, 0.7, 0.6], F32)},
             {'max_output_size': 4, 'iou_threshold': 0.5}),
        Case('40 random boxes', many, {'max_output_size': 15, 'iou_threshold': 0.4}),
        Case('40 random boxes, score threshold', many,
             {'max_output_size': 40, 'iou_threshold': 0.6, 'score_threshold': 0.3}),
        Case('empty', {'boxes': np.zeros([0, 4], F32), 'scores': np.zeros([0], F32)},
             {'max_output_size': 3, 'iou_threshold': 0.5}),
        Case('boxes of 3 columns', {'boxes': CLUSTERS[:, :3], 'scores': CLUSTER_SCORES}, {'max_output_size': 3}),
        Case('boxes of rank 3', {'boxes': CLUSTERS.reshape(1, 10, 4), 'scores': CLUSTER_SCORES}, {'max_output_size': 3}),
        Case('fewer scores than boxes', {'boxes': CLUSTERS, 'scores': CLUSTER_SCORES[:9]}, {'max_output_size': 3}),
        Case('scores of rank 2', {'boxes': CLUSTERS, 'scores': CLUSTER_SCORES.reshape(10, 1)}, {'max_output_size': 3}),
        Case('float32 boxes and int32 scores', {'boxes': CLUSTERS, 'scores': ints(rng, [10])}, {'max_output_size': 3}),
        Case('negative max_output_size', c, {'max_output_size': -1}),
        Case('IoU threshold above 1', c, {'max_output_size': 3, 'iou_threshold': 1.5}),
        Case('IoU threshold below 0', c, {'max_output_size': 3, 'iou_threshold': -0.1}),
    ]
    if name != 'NonMaxSuppressionV3':
        cases += [
            Case('padded', c, {'max_output_size': 8, 'iou_threshold': 0.5, 'pad_to_max_output_size': True}),
            Case('padded, fewer boxes than max_output_size', c,
                 {'max_output_size': 15, 'iou_threshold': 0.5, 'pad_to_max_output_size': True}),
            Case('padded, score threshold', many,
                 {'max_output_size': 20, 'iou_threshold': 0.5, 'score_threshold': 0.7, 'pad_to_max_output_size': True}),
            Case('padded, empty', {'boxes': np.zeros([0, 4], F32), 'scores': np.zeros([0], F32)},
                 {'max_output_size': 3, 'pad_to_max_output_size': True}),
            Case('padded, max_output_size 0', c, {'max_output_size': 0, 'pad_to_max_output_size': True}),
            Case('padded, negative max_output_size', c, {'max_output_size': -2, 'pad_to_max_output_size': True}),
        ]
    if soft:
        cases += [
            Case('soft NMS', c, {'max_output_size': 10, 'iou_threshold': 0.5, 'soft_nms_sigma': 0.5}),
            Case('soft NMS ignores the IoU threshold', c,
                 {'max_output_size': 10, 'iou_threshold': 0.0, 'soft_nms_sigma': 0.5}),
            Case('soft NMS, narrow sigma', c,
                 {'max_output_size': 10, 'iou_threshold': 0.5, 'soft_nms_sigma': 0.05, 'score_threshold': 0.01}),
            Case('soft NMS with a score threshold that lowered scores fall under', c,
                 {'max_output_size': 10, 'iou_threshold': 0.5, 'soft_nms_sigma': 0.3, 'score_threshold': 0.4}),
            Case('soft NMS, at most 4', c, {'max_output_size': 4, 'iou_threshold': 0.5, 'soft_nms_sigma': 1.0}),
            Case('soft NMS, padded', c, {'max_output_size': 12, 'iou_threshold': 0.5, 'soft_nms_sigma': 0.5,
                                         'score_threshold': 0.2, 'pad_to_max_output_size': True}),
            Case('soft NMS, ties in scores', {'boxes': boxes_from([[0, 0, 1, 1], [0, 0.2, 1, 1.2], [0, 0.4, 1, 1.4],
                                                                   [0, 0.1, 1, 1.1]]),
                                              'scores': np.array([0.8, 0.8, 0.8, 0.8], F32)},
                 {'max_output_size': 4, 'iou_threshold': 0.5, 'soft_nms_sigma': 0.5}),
            Case('soft NMS, 40 random boxes', many,
                 {'max_output_size': 30, 'iou_threshold': 0.5, 'soft_nms_sigma': 0.2, 'score_threshold': 0.05}),
            Case('soft NMS, infinite scores', {'boxes': CLUSTERS[:4], 'scores': np.array([INF, 0.5, INF, 0.2], F32)},
                 {'max_output_size': 4, 'iou_threshold': 0.5, 'soft_nms_sigma': 0.5}),
            Case('negative soft_nms_sigma', c, {'max_output_size': 3, 'soft_nms_sigma': -0.5}),
        ]
    return cases


def nms_arguments(i, a):
    return dict(boxes=i['boxes'], scores=i['scores'], max_output_size=np.int32(a.get('max_output_size', 10)),
                iou_threshold=np.float32(a.get('iou_threshold', 0.5)),
                score_threshold=np.float32(a.get('score_threshold', LOWEST)))


def nms_v3(i, a):
    return {'selected_indices': raw.NonMaxSuppressionV3(**nms_arguments(i, a))}


def nms_v4(i, a):
    out = raw.NonMaxSuppressionV4(**nms_arguments(i, a), pad_to_max_output_size=a.get('pad_to_max_output_size', False))
    return {'selected_indices': out.selected_indices, 'valid_outputs': out.valid_outputs}


def nms_v5(i, a):
    out = raw.NonMaxSuppressionV5(**nms_arguments(i, a), soft_nms_sigma=np.float32(a.get('soft_nms_sigma', 0.0)),
                                  pad_to_max_output_size=a.get('pad_to_max_output_size', False))
    return {'selected_indices': out.selected_indices, 'selected_scores': out.selected_scores,
            'valid_outputs': out.valid_outputs}


SPECS = [
    OpSpec('Where', where, where_cases(), differentiable=False),
    OpSpec('NonMaxSuppressionV3', nms_v3, nms_cases('NonMaxSuppressionV3', soft=False), differentiable=False),
    OpSpec('NonMaxSuppressionV4', nms_v4, nms_cases('NonMaxSuppressionV4', soft=False), differentiable=False),
    OpSpec('NonMaxSuppressionV5', nms_v5, nms_cases('NonMaxSuppressionV5', soft=True), differentiable=False),
]
