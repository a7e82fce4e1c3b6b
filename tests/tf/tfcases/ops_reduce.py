"""Reductions (axis: null for every axis, [] for none), All/Any, ArgMax/ArgMin."""
import numpy as np
import tensorflow as tf

from .core import Case, OpSpec, rng_for
from .gen import F32, I32, bools, ints, uniform

raw = tf.raw_ops


def tf_axis(x, axis):
    """Tensorloom's axis attr as TensorFlow's axis input: null reduces every axis."""
    rank = len(x.shape)
    return tf.constant(list(range(rank)) if axis is None else list(axis), tf.int32)


def reduction(name, fn, dtypes=('float32', 'int32'), extra=()):
    rng = rng_for(name)
    cases = []
    x3 = uniform(rng, [2, 3, 4])
    for axis, keep in ((None, False), ([0], False), ([1], True), ([-1], False), ([0, 2], False), ([0, -1], True),
                       ([], False), (None, True)):
        cases.append(Case(f'float32 [2, 3, 4] axis {axis} keep_dims {keep}', {'input': x3},
                          {'axis': axis, 'keep_dims': keep}))
    cases.append(Case('scalar', {'input': np.array(1.5, F32)}, {'axis': None}))
    if 'int32' in dtypes:
        cases.append(Case('int32 axis [1]', {'input': ints(rng, [3, 4])}, {'axis': [1]}))
        cases.append(Case('int32 rank 3 over a leading axis', {'input': ints(rng, [2, 3, 2])}, {'axis': [0]}))
        cases.append(Case('int32 large values', {'input': np.array([[2**31 - 1, 1], [16777217, 2], [-2**31, -1]], I32)},
                          {'axis': [1]}))
    empty = uniform(rng, [0, 3])
    cases.append(Case('over an empty axis', {'input': empty}, {'axis': [0]}))
    cases.append(Case('along a non-empty axis of an empty tensor', {'input': empty}, {'axis': [1]}))
    cases.append(Case('every axis of an empty tensor', {'input': empty}, {'axis': None}))
    if 'int32' in dtypes:
        cases.append(Case('int32 over an empty axis', {'input': np.zeros([0, 2], I32)}, {'axis': [0]}))
    # Small integers make ties (gradients of Max and Min split between them).
    cases.append(Case('ties', {'input': np.array([[1, 3, 3], [2, 2, 2], [-1, 0, -1]], F32)}, {'axis': [1]}))
    cases.append(Case('NaN and inf', {'input': np.array([[1, np.nan, 3], [np.inf, 1, -np.inf], [0, -0.0, -0.0]], F32)},
                      {'axis': [1]}, gradient=False))
    cases.append(Case('an axis listed twice', {'input': x3}, {'axis': [0, 0]}))
    cases.append(Case('an axis past the rank', {'input': x3}, {'axis': [3]}))
    cases.extend(extra)
    return OpSpec(name, lambda i, a: {'output': fn(input=i['input'], axis=tf_axis(i['input'], a.get('axis')),
                                                   keep_dims=a.get('keep_dims', False))}, cases)


def prod_extra():
    return [
        Case('zeros (gradient where one or two factors are 0)',
             {'input': np.array([[0, 2, 3], [0, 0, 4], [1, 2, 3]], F32)}, {'axis': [1]}),
        Case('negative axis on rank 3', {'input': uniform(rng_for('Prod -1'), [2, 2, 3])}, {'axis': [-1]}),
        Case('negative axes [-1, 0] on rank 3', {'input': uniform(rng_for('Prod -1, 0'), [2, 2, 3])}, {'axis': [-1, 0]}),
    ]


def mean_extra():
    return [Case('int32 rounds toward zero', {'input': np.array([[-7, 2], [7, 2], [-1, 0]], I32)}, {'axis': [1]})]


def logical_reduction(name, fn):
    rng = rng_for(name)
    cases = [
        Case('[3, 4] axis [1]', {'input': bools(rng, [3, 4])}, {'axis': [1]}),
        Case('[3, 4] every axis', {'input': bools(rng, [3, 4])}, {'axis': None}),
        Case('keep_dims', {'input': bools(rng, [2, 3])}, {'axis': [0], 'keep_dims': True}),
        Case('all true and all false rows', {'input': np.array([[True, True], [False, False], [True, False]])},
             {'axis': [-1]}),
        Case('over an empty axis', {'input': np.zeros([0, 3], bool)}, {'axis': [0]}),
        Case('axis []', {'input': bools(rng, [2, 2])}, {'axis': []}),
        Case('rank 3 over a leading axis', {'input': bools(rng, [2, 3, 2])}, {'axis': [0]}),
    ]
    return OpSpec(name, lambda i, a: {'output': fn(input=i['input'], axis=tf_axis(i['input'], a.get('axis')),
                                                   keep_dims=a.get('keep_dims', False))}, cases, differentiable=False)


def arg_reduction(name, fn):
    rng = rng_for(name)
    cases = [
        Case('float32 axis 0', {'input': uniform(rng, [3, 4])}, {'axis': 0}),
        Case('float32 axis -1', {'input': uniform(rng, [2, 3, 4])}, {'axis': -1}),
        Case('int32 axis 1', {'input': ints(rng, [3, 5])}, {'axis': 1}),
        Case('int32 rank 3 along a leading axis', {'input': ints(rng, [2, 3, 2])}, {'axis': 0}),
        Case('int32 past 2^24', {'input': np.array([[16777217, 16777216], [-16777216, -16777217]], I32)}, {'axis': 1}),
        Case('ties give the first index', {'input': np.array([[1, 3, 3], [2, 2, 2], [0, -1, -1]], F32)}, {'axis': 1}),
        Case('NaN', {'input': np.array([[1, np.nan, 3], [np.nan, 0, 1], [-np.inf, np.inf, 0]], F32)}, {'axis': 1}),
        Case('over an empty axis', {'input': uniform(rng, [0, 3])}, {'axis': 0}),
        Case('along a non-empty axis of an empty tensor', {'input': uniform(rng, [0, 3])}, {'axis': 1}),
        Case('a scalar has no axis', {'input': np.array(1.0, F32)}, {'axis': 0}),
        Case('an axis past the rank', {'input': uniform(rng, [2, 2])}, {'axis': 2}),
    ]
    return OpSpec(name, lambda i, a: {'output': fn(input=i['input'], dimension=a.get('axis', 0),
                                                   output_type=tf.int32)}, cases, differentiable=False)


SPECS = [
    reduction('Sum', raw.Sum),
    reduction('Mean', raw.Mean, extra=mean_extra()),
    reduction('Max', raw.Max),
    reduction('Min', raw.Min),
    reduction('Prod', raw.Prod, extra=prod_extra()),
    logical_reduction('All', raw.All),
    logical_reduction('Any', raw.Any),
    arg_reduction('ArgMax', raw.ArgMax),
    arg_reduction('ArgMin', raw.ArgMin),
]
