"""Gathering, slicing, padding, splitting and scanning ops."""
import numpy as np
import tensorflow as tf

from .core import Case, OpSpec, rng_for
from .gen import F32, I32, bools, ints, uniform, values

raw = tf.raw_ops
# Int32 values a float32 path would round (past 2^24) or clamp (the extremes), for ops that only move values.
BIG = np.array([16777217, -16777217, 2**31 - 1, -2**31, 123456789, -987654321], I32)
IOTA = np.arange(12, dtype=F32).reshape(3, 4)


def i32(entries):
    return tf.constant(entries, tf.int32)


def listed(outputs):
    """A list output as Tensorloom's ports output_0, output_1, …"""
    return {f'output_{k}': t for k, t in enumerate(outputs)}


def shape_cases():
    rng = rng_for('Shape')
    return [Case(f'{dtype} {shape}', {'input': values(rng, shape, dtype)})
            for dtype, shape in (('float32', [2, 3]), ('int32', [4]), ('bool', [1, 2, 3]), ('float32', []),
                                 ('float32', [0, 5]), ('int32', [2, 1, 3, 1]))]


def gather_cases():
    rng = rng_for('GatherV2')
    p = uniform(rng, [4, 3])
    p3 = uniform(rng, [2, 3, 4])
    idx = lambda *v: np.array(v, I32)
    return [
        Case('axis 0', {'params': p, 'indices': idx(3, 0, 2)}, {'axis': 0}),
        Case('axis 1, repeated indices sum their gradients', {'params': p, 'indices': idx(2, 2, 0, 2)}, {'axis': 1}),
        Case('axis -1 of rank 3', {'params': p3, 'indices': idx(3, 1)}, {'axis': -1}),
        Case('a scalar index drops the axis', {'params': p3, 'indices': np.array(1, I32)}, {'axis': 1}),
        Case('2-D indices', {'params': p3, 'indices': ints(rng, [2, 2], 0, 2)}, {'axis': 1}),
        Case('empty indices', {'params': p, 'indices': np.zeros([0], I32)}, {'axis': 0}),
        Case('int32 extremes', {'params': BIG, 'indices': idx(5, 0, 2, 3, 3)}, {'axis': 0}),
        Case('bool', {'params': bools(rng, [3, 2]), 'indices': idx(1, 0, 1)}, {'axis': 0}),
        Case('batch_dims 1', {'params': p3, 'indices': ints(rng, [2, 5], 0, 2)}, {'axis': 1, 'batch_dims': 1}),
        Case('batch_dims 1, axis 2', {'params': p3, 'indices': ints(rng, [2, 2], 0, 3)}, {'axis': 2, 'batch_dims': 1}),
        Case('batch_dims -1 counts from the indices rank', {'params': p3, 'indices': ints(rng, [2, 3], 0, 3)},
             {'axis': 2, 'batch_dims': -1}),
        Case('batch_dims 2 of rank-3 indices',
             {'params': uniform(rng, [2, 3, 4, 2]), 'indices': ints(rng, [2, 3, 2], 0, 3)},
             {'axis': 2, 'batch_dims': 2}),
        Case('an index past the end', {'params': p, 'indices': idx(0, 4)}, {'axis': 0}),
        Case('a negative index', {'params': p, 'indices': idx(-1)}, {'axis': 1}),
        Case('any index into an empty axis', {'params': uniform(rng, [0, 3]), 'indices': idx(0)}, {'axis': 0}),
        Case('an index past the end of empty slices', {'params': uniform(rng, [2, 0]), 'indices': idx(5)}, {'axis': 0}),
        Case('axis past the rank', {'params': p, 'indices': idx(0)}, {'axis': 2}),
        Case('batch_dims past the axis', {'params': p3, 'indices': ints(rng, [2, 3], 0, 1)},
             {'axis': 0, 'batch_dims': 1}),
        Case('batch dimensions differ', {'params': p3, 'indices': ints(rng, [3, 2], 0, 1)},
             {'axis': 1, 'batch_dims': 1}),
    ]


def gather_v2(i, a):
    return {'output': raw.GatherV2(params=i['params'], indices=i['indices'], axis=i32(a.get('axis', 0)),
                                   batch_dims=a.get('batch_dims', 0))}


def gather_nd_cases():
    rng = rng_for('GatherNd')
    p = uniform(rng, [3, 4])
    p3 = uniform(rng, [2, 3, 4])
    idx = lambda *v: np.array(v, I32)
    return [
        Case('whole index tuples give scalars', {'params': p, 'indices': idx([0, 1], [2, 3], [1, 0])}),
        Case('a partial index gives rows', {'params': p3, 'indices': idx([1], [0])}),
        Case('index pairs of rank 3 params', {'params': p3, 'indices': idx([[1, 2], [0, 0]], [[1, 1], [1, 2]])}),
        Case('repeated tuples sum their gradients', {'params': p, 'indices': idx([1, 1], [1, 1], [0, 3])}),
        Case('one tuple as a vector', {'params': p, 'indices': idx(2, 1)}),
        Case('empty tuples take all of params', {'params': p, 'indices': np.zeros([2, 0], I32)}),
        Case('no tuples', {'params': p, 'indices': np.zeros([0, 2], I32)}),
        Case('int32 extremes', {'params': BIG.reshape(3, 2), 'indices': idx([2, 1], [0, 0], [1, 0])}),
        Case('bool', {'params': bools(rng, [2, 2, 2]), 'indices': idx([1, 0], [0, 1])}),
        Case('a tuple past the end', {'params': p, 'indices': idx([0, 4])}),
        Case('a negative index', {'params': p, 'indices': idx([-1, 0])}),
        Case('tuples into empty params', {'params': uniform(rng, [2, 0]), 'indices': idx([1])}),
        Case('tuples longer than the rank', {'params': p, 'indices': idx([0, 0, 0])}),
        Case('a scalar index', {'params': p, 'indices': np.array(1, I32)}),
        Case('scalar params', {'params': np.array(1.5, F32), 'indices': np.zeros([1, 0], I32)}),
    ]


def strided_slice_cases():
    rng = rng_for('StridedSlice')
    x4 = uniform(rng, [2, 3, 4, 5])

    def c(title, x, begin, end, strides, **masks):
        return Case(title, {'input': x}, {'begin': begin, 'end': end, 'strides': strides, **masks})

    return [
        c('x[1:3, 0:4:2]', IOTA, [1, 0], [3, 4], [1, 2]),
        c('x[::-1, -1]', IOTA, [0, -1], [0, 0], [-1, 1], begin_mask=1, end_mask=1, shrink_axis_mask=2),
        c('x[2:0:-1, ::-3]', IOTA, [2, 0], [0, 0], [-1, -3], begin_mask=2, end_mask=2),
        c('negative bounds x[-2:, :-1]', IOTA, [-2, 0], [0, -1], [1, 1], begin_mask=2, end_mask=1),
        c('bounds clamp x[-10:100, 1:50:3]', IOTA, [-10, 1], [100, 50], [1, 3]),
        c('negative stride clamps x[100:-100:-2]', IOTA, [100], [-100], [-2]),
        c('x[1] shrinks', IOTA, [1], [2], [1], shrink_axis_mask=1),
        c('x[-1, 2] to a scalar', IOTA, [-1, 2], [0, 3], [1, 1], shrink_axis_mask=3),
        c('x[..., 1] on rank 4', x4, [0, 1], [0, 2], [1, 1], ellipsis_mask=1, shrink_axis_mask=2),
        c('x[1, ..., ::2] on rank 4', x4, [1, 0, 0], [2, 0, 0], [1, 1, 2], ellipsis_mask=2, shrink_axis_mask=1,
          begin_mask=4, end_mask=4),
        c('x[:, newaxis, 1:]', IOTA, [0, 0, 1], [0, 0, 0], [1, 1, 1], begin_mask=1, end_mask=5, new_axis_mask=2),
        c('x[..., newaxis]', IOTA, [0, 0], [0, 0], [1, 1], ellipsis_mask=1, new_axis_mask=2),
        c('x[newaxis, ..., newaxis, 0] on rank 4', x4, [0, 0, 0, 0], [0, 0, 0, 1], [1, 1, 1, 1], ellipsis_mask=2,
          new_axis_mask=5, shrink_axis_mask=8),
        c('x[1, 2, ...]: an ellipsis of no dimensions', IOTA, [1, 2, 0], [2, 3, 0], [1, 1, 1], ellipsis_mask=4,
          shrink_axis_mask=3),
        c('new axis and shrink on one entry: the new axis wins', IOTA, [1], [2], [1], new_axis_mask=1,
          shrink_axis_mask=1),
        c('ellipsis and new axis on one entry: the ellipsis wins', IOTA, [0], [0], [1], ellipsis_mask=1,
          new_axis_mask=1),
        c('every mask bit set (-1)', IOTA, [2, 2], [1, 1], [1, 1], begin_mask=-1, end_mask=-1),
        c('shrink bits past the spec are ignored', IOTA, [1], [2], [1], shrink_axis_mask=6),
        c('rank 4, mixed strides', x4, [1, -1, 0, 4], [0, 0, 3, 0], [-1, -2, 2, -2], begin_mask=0, end_mask=3),
        c('empty: begin past end', IOTA, [2, 0], [1, 4], [1, 1]),
        c('an empty dimension', uniform(rng, [0, 3]), [0, 1], [0, 3], [1, 1], begin_mask=1, end_mask=1),
        c('a scalar and an empty spec', np.array(2.5, F32), [], [], []),
        c('int32 extremes reversed', BIG, [0], [0], [-1], begin_mask=1, end_mask=1),
        c('int32 rank 3', ints(rng, [2, 3, 4]), [1, 0, 3], [2, 3, 0], [1, 2, -1], shrink_axis_mask=1),
        c('bool', bools(rng, [3, 4]), [0, 3], [3, 0], [2, -1]),
        c('a shrink index out of range', IOTA, [3], [4], [1], shrink_axis_mask=1),
        c('shrink with a negative stride', IOTA, [1], [0], [-1], shrink_axis_mask=1),
        c('a zero stride', IOTA, [0], [3], [0]),
        c('more entries than dimensions', IOTA, [0, 0, 0], [1, 1, 1], [1, 1, 1]),
        c('two ellipses', IOTA, [0, 0], [0, 0], [1, 1], ellipsis_mask=3),
        c('begin and strides of different lengths', IOTA, [0, 0], [1, 1], [1]),
    ]


def strided_slice(i, a):
    return {'output': raw.StridedSlice(input=i['input'], begin=i32(a['begin']), end=i32(a['end']),
                                       strides=i32(a['strides']), begin_mask=a.get('begin_mask', 0),
                                       end_mask=a.get('end_mask', 0), ellipsis_mask=a.get('ellipsis_mask', 0),
                                       new_axis_mask=a.get('new_axis_mask', 0),
                                       shrink_axis_mask=a.get('shrink_axis_mask', 0))}


def tf_paddings(a):
    """Tensorloom's paddings, row after row, as TensorFlow's [rank, 2] matrix."""
    return tf.constant(np.array(a['paddings'], np.int32).reshape(-1, 2))


def pad_cases(name):
    rng = rng_for(name)
    x = uniform(rng, [2, 3])
    return [
        Case('[[1, 2], [0, 1]]', {'input': x}, {'paddings': [1, 2, 0, 1]}),
        Case('rank 1', {'input': uniform(rng, [4])}, {'paddings': [3, 0]}),
        Case('rank 4', {'input': uniform(rng, [1, 2, 2, 3])}, {'paddings': [0, 0, 1, 1, 2, 0, 0, 1]}),
        Case('no padding', {'input': x}, {'paddings': [0, 0, 0, 0]}),
        Case('a scalar', {'input': np.array(1.5, F32)}, {'paddings': []}),
        Case('an empty dimension', {'input': uniform(rng, [0, 2])}, {'paddings': [1, 1, 0, 1]}),
        Case('int32 extremes', {'input': BIG}, {'paddings': [2, 1]}),
        Case('bool', {'input': bools(rng, [2, 2])}, {'paddings': [1, 0, 0, 1]}),
        Case('a negative padding', {'input': x}, {'paddings': [-1, 0, 0, 0]}),
        Case('a row per dimension', {'input': x}, {'paddings': [1, 0]}),
    ]


def pad_v2_cases():
    rng = rng_for('PadV2')
    return pad_cases('PadV2') + [
        Case('constant 1.5', {'input': uniform(rng, [2, 2])}, {'paddings': [1, 1, 0, 2], 'constant_values': 1.5}),
        Case('int32 constant -7', {'input': ints(rng, [3])}, {'paddings': [1, 2], 'constant_values': -7}),
        Case('bool constant true', {'input': bools(rng, [2])}, {'paddings': [2, 1], 'constant_values': 1}),
        Case('int32 constant -2^31', {'input': BIG}, {'paddings': [1, 1], 'constant_values': -2**31}),
    ]


def pad_v2(i, a):
    dtype = i['input'].dtype
    value = a.get('constant_values', 0)
    return {'output': raw.PadV2(input=i['input'], paddings=tf_paddings(a),
                                constant_values=tf.constant(bool(value) if dtype == tf.bool else value, dtype))}


def mirror_pad_cases():
    rng = rng_for('MirrorPad')
    x = uniform(rng, [3, 4])

    def c(title, x, paddings, mode):
        return Case(f'{mode} {title}', {'input': x}, {'paddings': paddings, 'mode': mode})

    return [
        c('[[1, 2], [2, 3]]', x, [1, 2, 2, 3], 'REFLECT'),
        c('[[2, 2], [3, 1]]', x, [2, 2, 3, 1], 'SYMMETRIC'),
        c('as wide as the dimension', uniform(rng, [3]), [3, 2], 'SYMMETRIC'),
        c('rank 3', uniform(rng, [2, 3, 2]), [1, 0, 0, 2, 1, 1], 'REFLECT'),
        c('rank 4', uniform(rng, [1, 3, 3, 2]), [0, 0, 2, 1, 1, 2, 0, 0], 'SYMMETRIC'),
        c('no padding', x, [0, 0, 0, 0], 'REFLECT'),
        c('a scalar', np.array(1.5, F32), [], 'REFLECT'),
        c('int32 extremes', BIG, [2, 3], 'REFLECT'),
        c('int32 extremes', BIG.reshape(2, 3), [1, 2, 0, 3], 'SYMMETRIC'),
        c('bool', bools(rng, [2, 3]), [1, 1, 2, 2], 'REFLECT'),
        # TensorFlow's gradient fails on the empty input (its MirrorPadGrad checks the padded size).
        Case('SYMMETRIC an empty dimension left alone', {'input': uniform(rng, [0, 3])},
             {'paddings': [0, 0, 1, 1], 'mode': 'SYMMETRIC'}, gradient=False),
        c('a padding as wide as the dimension', x, [3, 0, 0, 0], 'REFLECT'),
        c('a padding wider than the dimension', x, [0, 0, 0, 5], 'SYMMETRIC'),
        c('a negative padding', x, [0, -1, 0, 0], 'SYMMETRIC'),
        c('a row per dimension', x, [1, 1], 'REFLECT'),
    ]


def mirror_pad(i, a):
    return {'output': raw.MirrorPad(input=i['input'], paddings=tf_paddings(a), mode=a.get('mode', 'REFLECT'))}


def unpack_cases():
    rng = rng_for('Unpack')
    x = uniform(rng, [2, 3, 4])
    return [
        Case('axis 0', {'value': x}, {'num': 2, 'axis': 0}),
        Case('axis 1', {'value': x}, {'num': 3, 'axis': 1}),
        Case('axis -1', {'value': x}, {'num': 4, 'axis': -1}),
        Case('a vector to scalars', {'value': uniform(rng, [3])}, {'num': 3}),
        Case('num 1', {'value': uniform(rng, [1, 2])}, {'num': 1}),
        Case('empty values', {'value': uniform(rng, [2, 0])}, {'num': 2}),
        Case('int32 extremes', {'value': BIG.reshape(2, 3)}, {'num': 3, 'axis': 1}),
        Case('bool', {'value': bools(rng, [2, 2])}, {'num': 2, 'axis': 1}),
        Case('num differs from the dimension', {'value': x}, {'num': 3, 'axis': 0}),
        Case('axis past the rank', {'value': x}, {'num': 2, 'axis': 3}),
        Case('a scalar', {'value': np.array(1.0, F32)}, {'num': 1}),
    ]


def unpack(i, a):
    return listed(raw.Unpack(value=i['value'], num=a['num'], axis=a.get('axis', 0)))


def split_cases():
    rng = rng_for('Split')
    x = uniform(rng, [2, 6])
    return [
        Case('in 2 along axis 1', {'value': x}, {'axis': 1, 'num_split': 2}),
        Case('in 3 along axis -1', {'value': x}, {'axis': -1, 'num_split': 3}),
        Case('in 2 along axis 0', {'value': x}, {'axis': 0, 'num_split': 2}),
        Case('in 1', {'value': x}, {'axis': 1, 'num_split': 1}),
        Case('rank 3, middle axis', {'value': uniform(rng, [2, 4, 3])}, {'axis': 1, 'num_split': 4}),
        Case('an empty dimension', {'value': uniform(rng, [0, 2])}, {'axis': 0, 'num_split': 2}),
        Case('int32 extremes', {'value': BIG}, {'axis': 0, 'num_split': 3}),
        Case('bool', {'value': bools(rng, [4, 2])}, {'axis': 0, 'num_split': 2}),
        Case('num_split does not divide the dimension', {'value': x}, {'axis': 1, 'num_split': 4}),
        Case('axis past the rank', {'value': x}, {'axis': 2, 'num_split': 2}),
    ]


def split(i, a):
    return listed(raw.Split(axis=i32(a.get('axis', 0)), value=i['value'], num_split=a['num_split']))


def split_v_cases():
    rng = rng_for('SplitV')
    x = uniform(rng, [3, 6])

    def c(title, x, sizes, axis, **extra):
        return Case(title, {'value': x}, {'size_splits': sizes, 'axis': axis, 'num_split': len(sizes), **extra})

    return [
        c('[1, 2, 3] along axis 1', x, [1, 2, 3], 1),
        c('[2, -1] along axis 0', x, [2, -1], 0),
        c('[-1, 4] along axis -1', x, [-1, 4], -1),
        c('a piece of size 0', x, [0, 6, 0], 1),
        c('one piece', x, [6], 1),
        c('rank 3', uniform(rng, [2, 5, 2]), [3, -1], 1),
        c('int32 extremes', BIG, [1, 1, 4], 0),
        c('bool', bools(rng, [2, 3]), [2, 1], 1),
        c('sizes that do not add up', x, [1, 2], 1),
        c('two -1', x, [-1, -1], 1),
        c('a negative size', x, [-2, 8], 1),
        c('sizes past the dimension beside a -1', x, [7, -1], 1),
        c('num_split differs from the sizes', x, [2, 4], 1, num_split=3),
        c('axis past the rank', x, [3, 3], 2),
    ]


def split_v(i, a):
    return listed(raw.SplitV(value=i['value'], size_splits=i32(a['size_splits']), axis=i32(a.get('axis', 0)),
                             num_split=a['num_split']))


def broadcast_to_cases():
    rng = rng_for('BroadcastTo')
    return [
        Case('[3] to [2, 3]', {'input': uniform(rng, [3])}, {'shape': [2, 3]}),
        Case('[2, 1] to [2, 3]', {'input': uniform(rng, [2, 1])}, {'shape': [2, 3]}),
        Case('[1, 3] to [2, 4, 3]', {'input': uniform(rng, [1, 3])}, {'shape': [2, 4, 3]}),
        Case('a scalar to [2, 2]', {'input': np.array(1.5, F32)}, {'shape': [2, 2]}),
        Case('the same shape', {'input': uniform(rng, [2, 3])}, {'shape': [2, 3]}),
        Case('[3, 1, 2] to [3, 4, 2]', {'input': uniform(rng, [3, 1, 2])}, {'shape': [3, 4, 2]}),
        Case('to an empty dimension', {'input': uniform(rng, [1, 3])}, {'shape': [0, 3]}),
        Case('int32 extremes', {'input': BIG.reshape(6, 1)}, {'shape': [6, 2]}),
        Case('bool', {'input': bools(rng, [1, 2])}, {'shape': [3, 2]}),
        Case('shapes that do not broadcast', {'input': uniform(rng, [2, 3])}, {'shape': [2, 4]}),
        Case('to a lower rank', {'input': uniform(rng, [2, 3])}, {'shape': [3]}),
        Case('a negative dimension', {'input': uniform(rng, [3])}, {'shape': [-1, 3]}),
    ]


def cumsum_cases():
    rng = rng_for('Cumsum')
    x = uniform(rng, [3, 4])
    cases = [Case(f'axis {axis} exclusive {ex} reverse {rev}', {'x': x},
                  {'axis': axis, 'exclusive': ex, 'reverse': rev})
             for axis in (0, -1) for ex in (False, True) for rev in (False, True)]
    return cases + [
        Case('rank 3, middle axis, reverse', {'x': uniform(rng, [2, 3, 2])}, {'axis': 1, 'reverse': True}),
        Case('a vector', {'x': uniform(rng, [5])}, {'axis': 0, 'exclusive': True}),
        Case('int32 leading axis', {'x': ints(rng, [3, 2, 2])}, {'axis': 0, 'reverse': True}),
        Case('int32 wraps', {'x': np.array([2**31 - 1, 1, -2**31, -1, 16777217, 16777217], I32)}, {'axis': 0}),
        Case('an empty dimension', {'x': uniform(rng, [0, 3])}, {'axis': 0}),
        Case('along a dimension of an empty tensor', {'x': uniform(rng, [0, 3])}, {'axis': 1, 'reverse': True}),
        Case('NaN and inf',
             {'x': np.array([[0, -0.0, 1, np.inf, -1, np.nan, 2], [-np.inf, 1, np.inf, 2, 3, 4, 5]], F32)},
             {'axis': 1}, gradient=False),
        Case('large values that cancel', {'x': np.array([1e30, 1, -1e30, 2.5, -7.25, 1e30, 3, -1e30, 0.5], F32)},
             {'axis': 0}),
        Case('axis past the rank', {'x': x}, {'axis': 2}),
        Case('a scalar', {'x': np.array(1.5, F32)}, {'axis': 0}),
    ]


def cumsum(i, a):
    return {'out': raw.Cumsum(x=i['x'], axis=i32(a.get('axis', 0)), exclusive=a.get('exclusive', False),
                              reverse=a.get('reverse', False))}


def top_k_cases():
    rng = rng_for('TopKV2')
    x = uniform(rng, [3, 5])
    ties = np.array([[1, 3, 3, 0, 3], [2, 2, 2, 2, 2], [0.0, -0.0, -0.0, 0.0, -1]], F32)
    return [
        Case('k 2', {'input': x}, {'k': 2}),
        Case('k 1', {'input': x}, {'k': 1}),
        Case('k the whole row', {'input': x}, {'k': 5}),
        Case('k 0', {'input': x}, {'k': 0}),
        Case('a vector', {'input': uniform(rng, [7])}, {'k': 3}),
        Case('rank 3', {'input': uniform(rng, [2, 2, 4])}, {'k': 2}),
        Case('ties go to the lower index', {'input': ties}, {'k': 3}),
        Case('ties, every element', {'input': ties}, {'k': 5}),
        Case('±inf', {'input': np.array([[1, np.inf, -np.inf, 3, np.inf]], F32)}, {'k': 4}, gradient=False),
        Case('unsorted (TensorFlow leaves the order open: sorted here)', {'input': x}, {'k': 3, 'sorted': False}),
        Case('unsorted ties', {'input': ties}, {'k': 2, 'sorted': False}),
        Case('int32 extremes', {'input': BIG}, {'k': 4}),
        Case('int32 ties', {'input': np.array([[5, -1, 5, 7, 7, -1]], I32)}, {'k': 5}),
        Case('an empty batch', {'input': uniform(rng, [0, 3])}, {'k': 2}),
        Case('k past the row', {'input': x}, {'k': 6}),
        Case('a negative k', {'input': x}, {'k': -1}),
        Case('a scalar', {'input': np.array(1.0, F32)}, {'k': 1}),
    ]


def top_k(i, a):
    top, where = raw.TopKV2(input=i['input'], k=i32(a.get('k', 1)), sorted=a.get('sorted', True))
    if a.get('sorted', True):
        return {'values': top, 'indices': where}
    # TensorFlow leaves the order of an unsorted result open (it follows its selection algorithm): the
    # fixture holds the same elements in sorted order, by value and then by index as TopKV2 ties.
    order = np.lexsort((where.numpy(), -top.numpy().astype(np.float64)), axis=-1)
    batch = len(order.shape) - 1
    return {'values': tf.gather(top, order, batch_dims=batch), 'indices': tf.gather(where, order, batch_dims=batch)}


def einsum_cases():
    rng = rng_for('Einsum')
    u = lambda *s: uniform(rng, list(s))

    def c(equation, *inputs, note='', gradient=True):
        title = f'{equation} {note}'.strip()
        return Case(title, {'inputs': list(inputs)}, {'equation': equation}, gradient=gradient)

    return [
        c('ij,jk->ik', u(2, 3), u(3, 4)),
        c('bij,bjk->bik', u(2, 2, 3), u(2, 3, 2)),
        c('bhqd,bhkd->bhqk', u(1, 2, 3, 4), u(1, 2, 2, 4)),
        c('abc,cd->abd', u(2, 3, 4), u(4, 2)),
        c('ij,kj->ki', u(2, 3), u(4, 3)),
        c('i,i->', u(5), u(5)),
        c('i,j->ij', u(3), u(2)),
        c('ij,ij->ij', u(2, 3), u(2, 3)),
        c('ij,j->i', u(3, 4), u(4)),
        c('ijk,ik->j', u(2, 3, 2), u(2, 2)),
        c('ij,jk->ki', u(2, 3), u(3, 2)),
        c('ab,cd->dcab', u(2, 1), u(2, 3)),
        c('ij->ji', u(2, 3)),
        c('ij->i', u(2, 3)),
        c('ijk->kj', u(2, 3, 4)),
        c('ij->', u(3, 2)),
        c('i->i', u(4)),
        c(',jk->jk', np.array(2.5, F32), u(2, 3)),
        c('Ab,bC->CA', u(2, 3), u(3, 2)),
        c('ij,jk->ik', ints(rng, [2, 3]), ints(rng, [3, 2]), note='int32'),
        c('ij,jk->ik', np.array([[16777217, 1], [123456789, 2]], I32), np.array([[1, 0], [3, 1]], I32),
          note='int32 past 2^24'),
        c('ij->ji', ints(rng, [3, 4]), note='int32'),
        c('ijk->kji', ints(rng, [2, 3, 2]), note='int32'),
        c('ij,jk->ik', u(0, 3), u(3, 2), note='empty rows'),
        c('ij,jk->ik', u(2, 0), u(0, 3), note='empty inner dimension: zeros'),
        c('ij,jk->ik', np.array([[np.inf, 1], [np.nan, 0]], F32), np.array([[1, 0], [0, 1]], F32),
          note='NaN and inf', gradient=False),
        c('ij,jk->ik', u(2, 3), u(4, 2), note='sizes of j differ'),
        c('ij,jk', u(2, 3), u(3, 4), note='no arrow'),
        c('ij,jk,k->i', u(2, 3), u(3, 4), u(4), note='three inputs'),
        c('ijk->i', u(2, 3), note='more labels than dimensions'),
        c('ij, jk -> ik', u(2, 3), u(3, 4), note='spaces are labels'),
        c('ij,jk->ik', u(2, 3), note='one input for two terms'),
        Case('bool', {'inputs': [bools(rng, [2, 3])]}, {'equation': 'ij->ji'}),
    ]


def einsum(i, a):
    return {'output': raw.Einsum(inputs=i['inputs'], equation=a['equation'])}


def gather_nd_equivalent(i, a):
    """GatherNd for the gradient tape: TensorFlow's gradient fails for a single index tuple (a vector of
    indices) and for empty tuples, so those gather through one more tuple dimension, or broadcast."""
    params, indices = i['params'], i['indices']
    if indices.shape[-1] == 0:
        return {'output': tf.broadcast_to(params, list(indices.shape[:-1]) + list(params.shape))}
    if len(indices.shape) == 1:
        return {'output': raw.GatherNd(params=params, indices=indices[None])[0]}
    return {'output': raw.GatherNd(params=params, indices=indices)}


SPECS = [
    OpSpec('Shape', lambda i, a: {'output': raw.Shape(input=i['input'], out_type=tf.int32)}, shape_cases(),
           differentiable=False),
    OpSpec('GatherV2', gather_v2, gather_cases()),
    OpSpec('GatherNd', lambda i, a: {'output': raw.GatherNd(params=i['params'], indices=i['indices'])},
           gather_nd_cases(), gradient_run=gather_nd_equivalent),
    OpSpec('StridedSlice', strided_slice, strided_slice_cases()),
    OpSpec('Pad', lambda i, a: {'output': raw.Pad(input=i['input'], paddings=tf_paddings(a))}, pad_cases('Pad')),
    OpSpec('PadV2', pad_v2, pad_v2_cases()),
    OpSpec('MirrorPad', mirror_pad, mirror_pad_cases()),
    OpSpec('Unpack', unpack, unpack_cases()),
    OpSpec('Split', split, split_cases()),
    OpSpec('SplitV', split_v, split_v_cases()),
    OpSpec('BroadcastTo', lambda i, a: {'output': raw.BroadcastTo(input=i['input'], shape=i32(a['shape']))},
           broadcast_to_cases()),
    OpSpec('Cumsum', cumsum, cumsum_cases()),
    OpSpec('TopKV2', top_k, top_k_cases()),
    OpSpec('Einsum', einsum, einsum_cases()),
]
