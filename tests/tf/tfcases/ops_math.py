"""Elementwise math: broadcasting binary ops, unary ops, AddN."""
import numpy as np
import tensorflow as tf

from .core import Case, OpSpec, rng_for
from .fmt import shape_text
from .gen import (BROADCAST_PAIRS, F32, FINITE_EDGES, FINITE_TRAPS, FLOAT_EDGES, I32, INT_EDGES, NON_FINITE,
                  UNARY_TRAPS, grid, random_broadcast_pair, uniform, values)

raw = tf.raw_ops
BOTH = ('float32', 'int32')


def binary_cases(name, dtypes=BOTH, x_range=(-3, 3), y_range=(-3, 3), int_y=(-10, 10), int_y_nonzero=False,
                 int_y_edges=INT_EDGES, gradient=True):
    rng = rng_for(name)
    cases = []
    pairs = BROADCAST_PAIRS + [random_broadcast_pair(rng) for _ in range(2)]
    for dtype in dtypes:
        for xs, ys in pairs:
            if dtype == 'float32':
                x, y = values(rng, xs, dtype, *x_range), values(rng, ys, dtype, *y_range)
            else:
                x, y = values(rng, xs, dtype), values(rng, ys, dtype, *int_y)
                if int_y_nonzero:
                    y[y == 0] = 1
            cases.append(Case(f'{dtype} {shape_text(xs)} with {shape_text(ys)}', {'x': x, 'y': y}, gradient=gradient))
    if 'float32' in dtypes:
        gx, gy = grid(FINITE_TRAPS)
        cases.append(Case('float32 edge values: ±0, tiny, huge', {'x': gx, 'y': gy}, gradient=False))
        cases.append(Case('float32 NaN and ±inf as x', {'x': NON_FINITE.reshape(-1, 1), 'y': FLOAT_EDGES},
                          gradient=False))
        cases.append(Case('float32 NaN and ±inf as y', {'x': FLOAT_EDGES.reshape(-1, 1), 'y': NON_FINITE},
                          gradient=False))
        gx, gy = grid(FINITE_EDGES)
        cases.append(Case('float32 finite edges: zeros, ties, signs', {'x': gx, 'y': gy}, gradient=gradient))
    if 'int32' in dtypes:
        cases.append(Case('int32 extremes and values past 2^24',
                          {'x': INT_EDGES.reshape(-1, 1), 'y': np.asarray(int_y_edges, I32)}))
    cases.append(Case('shapes that do not broadcast', {'x': uniform(rng, [2, 3]), 'y': uniform(rng, [4])}))
    if len(dtypes) > 1:
        cases.append(Case('float32 with int32', {'x': uniform(rng, [3]), 'y': np.array([1, 2, 3], I32)}))
    return cases


def binary(name, fn, **options):
    extra = options.pop('extra', [])
    return OpSpec(name, lambda i, a: {'z': fn(x=i['x'], y=i['y'])}, binary_cases(name, **options) + extra)


def unary_cases(name, dtypes=('float32',), domain=(-3, 3), grad_edges=FINITE_EDGES, gradient=True):
    rng = rng_for(name)
    cases = []
    for shape in ([5], [2, 3], [], [0, 2], [2, 3, 4]):
        cases.append(Case(f'float32 {shape_text(shape)}', {'x': uniform(rng, shape, *domain)}, gradient=gradient))
    cases.append(Case('float32 edge values: ±0, tiny, huge', {'x': UNARY_TRAPS}, gradient=False))
    cases.append(Case('float32 NaN and ±inf', {'x': NON_FINITE}, gradient=False))
    if gradient and grad_edges is not None:
        cases.append(Case('float32 finite edges and kinks', {'x': np.asarray(grad_edges, F32)}))
    if 'int32' in dtypes:
        cases.append(Case('int32 [2, 3]', {'x': values(rng, [2, 3], 'int32')}))
        cases.append(Case('int32 extremes and values past 2^24', {'x': INT_EDGES}))
    return cases


def unary(name, fn, port=('x', 'y'), **options):
    extra = options.pop('extra', [])
    x, y = port
    return OpSpec(name, lambda i, a: {y: fn(**{x: i[x]})}, [rename(c, x) for c in unary_cases(name, **options)] + extra)


def rename(case: Case, port: str) -> Case:
    if port != 'x':
        case.inputs = {port: case.inputs['x']}
    return case


def int_only(name, title, x, y):
    return Case(title, {'x': np.asarray(x, I32), 'y': np.asarray(y, I32)})


POSITIVE_EDGES = np.array([0.0, 0.25, 1.0, 2.0, 9.0], F32)
NONZERO_INT_EDGES = INT_EDGES[(INT_EDGES != 0) & (INT_EDGES != -1)]

SPECS = [
    binary('AddV2', raw.AddV2),
    binary('Add', raw.Add),
    binary('Sub', raw.Sub),
    binary('Mul', raw.Mul),
    binary('RealDiv', raw.RealDiv, dtypes=('float32',)),
    binary('FloorDiv', raw.FloorDiv, int_y_nonzero=True, int_y_edges=NONZERO_INT_EDGES,
           extra=[int_only('FloorDiv', 'int32 division by zero', [1, 2], [0, 1]),
                  int_only('FloorDiv', 'int32 rounds toward -inf', [-7, 7, -7, 7, -1], [2, -2, -2, 2, 3])]),
    binary('FloorMod', raw.FloorMod, int_y_nonzero=True, int_y_edges=NONZERO_INT_EDGES,
           extra=[int_only('FloorMod', 'int32 division by zero', [1, 2], [0, 1]),
                  int_only('FloorMod', 'int32 takes the sign of y', [-7, 7, -7, 7, -1], [2, -2, -2, 2, 3])]),
    binary('Pow', raw.Pow, x_range=(0.1, 3), y_range=(-2, 2), int_y=(0, 4), int_y_edges=[0, 1, 2, 3, 31],
           extra=[int_only('Pow', 'int32 to a negative power', [2, 2], [-1, 1]),
                  Case('float32 negative base, integer and fractional powers',
                       {'x': np.array([-2, -2, -2, -0.5, -8], F32), 'y': np.array([2, 3, 0.5, -1, 1 / 3], F32)})]),
    binary('Maximum', raw.Maximum),
    binary('Minimum', raw.Minimum),
    binary('SquaredDifference', raw.SquaredDifference),
    unary('Neg', raw.Neg, dtypes=BOTH),
    unary('Abs', raw.Abs, dtypes=BOTH),
    unary('Sign', raw.Sign, dtypes=BOTH),
    unary('Square', raw.Square, dtypes=BOTH),
    unary('Sqrt', raw.Sqrt, domain=(0.05, 9), grad_edges=POSITIVE_EDGES),
    unary('Rsqrt', raw.Rsqrt, domain=(0.05, 9), grad_edges=POSITIVE_EDGES),
    unary('Reciprocal', raw.Reciprocal),
    unary('Exp', raw.Exp),
    unary('Log', raw.Log, domain=(0.05, 9), grad_edges=POSITIVE_EDGES),
    unary('Log1p', raw.Log1p, domain=(-0.95, 9), grad_edges=POSITIVE_EDGES),
    unary('Sin', raw.Sin),
    unary('Cos', raw.Cos),
    unary('Tan', raw.Tan, domain=(-1.5, 1.5)),
    unary('Floor', raw.Floor),
    unary('Ceil', raw.Ceil),
    unary('Round', raw.Round, extra=[Case('halves round to even', {'x': np.array(
        [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 0.49999997, -0.49999997], F32)}, gradient=False)]),
    unary('Erf', raw.Erf),
]


def add_n_cases():
    rng = rng_for('AddN')
    cases = [Case(f'float32 {n} inputs [2, 3]', {'inputs': [uniform(rng, [2, 3]) for _ in range(n)]}) for n in (1, 2, 4)]
    cases.append(Case('int32 3 inputs', {'inputs': [values(rng, [4], 'int32') for _ in range(3)]}))
    cases.append(Case('int32 wraps past the extremes',
                      {'inputs': [np.array([2**31 - 1, -2**31, 16777217], I32), np.array([1, -1, 1], I32)]}))
    cases.append(Case('scalars', {'inputs': [uniform(rng, []) for _ in range(3)]}))
    cases.append(Case('empty', {'inputs': [uniform(rng, [0, 2]) for _ in range(2)]}))
    cases.append(Case('edge values', {'inputs': [FLOAT_EDGES, FLOAT_EDGES[::-1].copy()]}, gradient=False))
    cases.append(Case('shapes differ (no broadcasting)', {'inputs': [uniform(rng, [2, 3]), uniform(rng, [3])]}))
    return cases


SPECS.append(OpSpec('AddN', lambda i, a: {'sum': raw.AddN(inputs=i['inputs'])}, add_n_cases()))
