"""Comparisons, logical ops, Select (TF1: a vector condition picks rows) and SelectV2 (broadcasting)."""
import numpy as np
import tensorflow as tf

from .core import Case, OpSpec, rng_for
from .fmt import shape_text
from .gen import (BROADCAST_PAIRS, F32, FINITE_TRAPS, FLOAT_EDGES, I32, INT_EDGES, NON_FINITE, bools, grid, ints,
                  uniform, values)

raw = tf.raw_ops


def comparison(name, fn, dtypes):
    rng = rng_for(name)
    cases = []
    for dtype in dtypes:
        for xs, ys in BROADCAST_PAIRS[:4] + BROADCAST_PAIRS[5:6]:
            # Small integers make ties, as floats too.
            x, y = (values(rng, xs, dtype, -2, 2), values(rng, ys, dtype, -2, 2))
            if dtype == 'float32':
                x, y = np.round(x), np.round(y)
            cases.append(Case(f'{dtype} {shape_text(xs)} with {shape_text(ys)}', {'x': x, 'y': y}))
    if 'float32' in dtypes:
        gx, gy = grid(FINITE_TRAPS)
        cases.append(Case('float32 edge values: ±0, tiny, huge', {'x': gx, 'y': gy}))
        cases.append(Case('float32 NaN and ±inf', {'x': NON_FINITE.reshape(-1, 1), 'y': FLOAT_EDGES}))
    if 'int32' in dtypes:
        cases.append(Case('int32 extremes', {'x': INT_EDGES.reshape(-1, 1), 'y': INT_EDGES}))
    cases.append(Case('shapes that do not broadcast', {'x': uniform(rng, [2, 3]), 'y': uniform(rng, [2])}))
    return OpSpec(name, lambda i, a: {'z': fn(x=i['x'], y=i['y'])}, cases, differentiable=False)


def logical(name, fn):
    rng = rng_for(name)
    cases = [Case(f'{shape_text(xs)} with {shape_text(ys)}', {'x': bools(rng, xs), 'y': bools(rng, ys)})
             for xs, ys in BROADCAST_PAIRS[:6]]
    a, b = grid(np.array([False, True]))
    cases.append(Case('truth table', {'x': a, 'y': b}))
    return OpSpec(name, lambda i, a: {'z': fn(x=i['x'], y=i['y'])}, cases, differentiable=False)


def select_cases(name):
    rng = rng_for(name)
    cases = []
    for dtype in ('float32', 'int32', 'bool'):
        cases.append(Case(f'{dtype} condition of the same shape',
                          {'condition': bools(rng, [2, 3]), 't': values(rng, [2, 3], dtype),
                           'e': values(rng, [2, 3], dtype)}))
    t = np.arange(9, dtype=F32).reshape(3, 3)
    cases.append(Case('scalar condition', {'condition': np.array(False), 't': t, 'e': -t}))
    cases.append(Case('scalars', {'condition': np.array(True), 't': np.array(2, F32), 'e': np.array(3, F32)}))
    cases.append(Case('empty', {'condition': bools(rng, [0, 2]), 't': uniform(rng, [0, 2]), 'e': uniform(rng, [0, 2])}))
    cases.append(Case('edge values pass through untouched',
                      {'condition': np.arange(15) % 2 == 0, 't': FLOAT_EDGES, 'e': FLOAT_EDGES[::-1].copy()}))
    cases.append(Case('int32 extremes pass through untouched',
                      {'condition': np.arange(12) % 3 == 0, 't': INT_EDGES, 'e': INT_EDGES[::-1].copy()}))
    return cases


def select_rows_cases():
    rng = rng_for('Select rows')
    t = np.arange(9, dtype=F32).reshape(3, 3)
    return [
        Case('a vector condition picks whole rows',
             {'condition': np.array([True, False, True]), 't': t, 'e': -t}),
        Case('a vector condition picks rows of a rank-3 tensor',
             {'condition': np.array([False, True]), 't': uniform(rng, [2, 2, 3]), 'e': uniform(rng, [2, 2, 3])}),
        Case('a vector condition of the wrong length',
             {'condition': np.array([True, False]), 't': t, 'e': -t}),
        Case('a condition of another shape does not broadcast',
             {'condition': np.array([[True], [False], [True]]), 't': t, 'e': -t}),
        Case('t and e of different shapes', {'condition': np.array([True, False, True]), 't': t, 'e': t[:, :2].copy()}),
    ]


def select_v2_cases():
    rng = rng_for('SelectV2 broadcast')
    t = np.arange(9, dtype=F32).reshape(3, 3)
    return [
        Case('a vector condition broadcasts along the last axis',
             {'condition': np.array([True, False, True]), 't': t, 'e': -t}),
        Case('all three broadcast',
             {'condition': bools(rng, [2, 1, 1]), 't': uniform(rng, [1, 3, 1]), 'e': uniform(rng, [4])}),
        Case('a column condition', {'condition': np.array([[True], [False], [True]]), 't': t, 'e': np.array(7, F32)}),
        Case('shapes that do not broadcast', {'condition': np.array([True, False]), 't': t, 'e': -t}),
    ]


SPECS = [
    comparison('Equal', raw.Equal, ('float32', 'int32', 'bool')),
    comparison('NotEqual', raw.NotEqual, ('float32', 'int32', 'bool')),
    comparison('Less', raw.Less, ('float32', 'int32')),
    comparison('LessEqual', raw.LessEqual, ('float32', 'int32')),
    comparison('Greater', raw.Greater, ('float32', 'int32')),
    comparison('GreaterEqual', raw.GreaterEqual, ('float32', 'int32')),
    logical('LogicalAnd', raw.LogicalAnd),
    logical('LogicalOr', raw.LogicalOr),
    OpSpec('LogicalNot', lambda i, a: {'y': raw.LogicalNot(x=i['x'])},
           [Case('[2, 3]', {'x': bools(rng_for('LogicalNot'), [2, 3])}), Case('scalar', {'x': np.array(True)}),
            Case('empty', {'x': np.zeros([0], bool)})], differentiable=False),
    OpSpec('Select', lambda i, a: {'output': raw.Select(condition=i['condition'], x=i['t'], y=i['e'])},
           select_cases('Select') + select_rows_cases()),
    OpSpec('SelectV2', lambda i, a: {'output': raw.SelectV2(condition=i['condition'], t=i['t'], e=i['e'])},
           select_cases('SelectV2') + select_v2_cases()),
]
