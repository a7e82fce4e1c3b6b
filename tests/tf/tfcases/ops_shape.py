"""Shape and layout ops, casts, fills and ranges."""
import numpy as np
import tensorflow as tf

from .core import Case, OpSpec, rng_for
from .gen import F32, FLOAT_EDGES, I32, INT_EDGES, bools, ints, uniform, values

raw = tf.raw_ops
DTYPES = ('float32', 'int32', 'bool')
# Int32 values a float32 path would round (past 2^24) or clamp (the extremes), for ops that only move values.
BIG = np.array([16777217, -16777217, 2**31 - 1, -2**31, 123456789, -987654321], I32)


def spec(name, run, cases, differentiable=True, gradient_run=None):
    return OpSpec(name, run, cases, differentiable, gradient_run=gradient_run)


def reshape_cases():
    rng = rng_for('Reshape')
    x = uniform(rng, [2, 3])
    return [
        Case('[2, 3] to [3, 2]', {'tensor': x}, {'shape': [3, 2]}),
        Case('flatten with -1', {'tensor': x}, {'shape': [-1]}),
        Case('[3, -1]', {'tensor': x}, {'shape': [3, -1]}),
        Case('to a scalar', {'tensor': uniform(rng, [1, 1])}, {'shape': []}),
        Case('int32 and bool', {'tensor': ints(rng, [4])}, {'shape': [2, 1, 2]}),
        Case('bool', {'tensor': bools(rng, [2, 2])}, {'shape': [4]}),
        Case('empty with a -1', {'tensor': uniform(rng, [0, 3])}, {'shape': [3, -1]}),
        Case('sizes differ', {'tensor': x}, {'shape': [4, 2]}),
        Case('two -1', {'tensor': x}, {'shape': [-1, -1]}),
        Case('int32 extremes', {'tensor': BIG}, {'shape': [2, 3]}),
    ]


def transpose_cases():
    rng = rng_for('Transpose')
    x = uniform(rng, [2, 3, 4])
    return [
        Case('perm [1, 0]', {'x': uniform(rng, [2, 3])}, {'perm': [1, 0]}),
        Case('perm [2, 0, 1]', {'x': x}, {'perm': [2, 0, 1]}),
        Case('empty perm reverses the axes', {'x': x}, {'perm': []}),
        Case('negative entries count from the end', {'x': x}, {'perm': [-1, 0, 1]}),
        Case('bool', {'x': bools(rng, [2, 3])}, {'perm': [1, 0]}),
        Case('bool of rank 3', {'x': bools(rng, [2, 3, 2])}, {'perm': [2, 0, 1]}),
        Case('int32 of rank 4', {'x': ints(rng, [2, 1, 3, 2])}, {'perm': [3, 1, 0, 2]}),
        Case('an axis listed twice', {'x': x}, {'perm': [0, 0, 1]}),
        Case('perm of the wrong length', {'x': x}, {'perm': [1, 0]}),
        Case('int32 extremes', {'x': BIG.reshape(2, 3)}, {'perm': [1, 0]}),
    ]


def tf_perm(x, perm):
    """Tensorloom's empty perm reverses the axes, as tf.transpose's default does."""
    return list(perm) if perm else list(range(len(x.shape)))[::-1]


def concat_cases():
    rng = rng_for('ConcatV2')
    u = lambda *s: uniform(rng, list(s))
    return [
        Case('axis 0', {'values': [u(2, 3), u(1, 3)]}, {'axis': 0}),
        Case('axis 1, three inputs', {'values': [u(2, 1), u(2, 3), u(2, 2)]}, {'axis': 1}),
        Case('axis -1', {'values': [u(2, 2, 1), u(2, 2, 2)]}, {'axis': -1}),
        Case('one input', {'values': [u(2, 3)]}, {'axis': 1}),
        Case('an empty input', {'values': [u(0, 3), u(2, 3)]}, {'axis': 0}),
        Case('int32', {'values': [ints(rng, [2]), ints(rng, [3])]}, {'axis': 0}),
        Case('bool', {'values': [bools(rng, [1, 2]), bools(rng, [1, 2])]}, {'axis': 0}),
        Case('other dimensions differ', {'values': [u(2, 3), u(2, 2)]}, {'axis': 0}),
        Case('axis past the rank', {'values': [u(2, 3), u(2, 3)]}, {'axis': 2}),
        Case('int32 extremes', {'values': [BIG, BIG[::-1].copy()]}, {'axis': 0}),
    ]


def pack_cases():
    rng = rng_for('Pack')
    u = lambda *s: uniform(rng, list(s))
    return [
        Case('axis 0', {'values': [u(2, 3), u(2, 3)]}, {'axis': 0}),
        Case('axis 1', {'values': [u(2, 3), u(2, 3), u(2, 3)]}, {'axis': 1}),
        Case('axis -1', {'values': [u(2), u(2)]}, {'axis': -1}),
        Case('scalars', {'values': [u(), u(), u()]}, {'axis': 0}),
        Case('int32', {'values': [ints(rng, [2]), ints(rng, [2])]}, {'axis': 0}),
        Case('bool', {'values': [bools(rng, [2]), bools(rng, [2])]}, {'axis': 1}),
        Case('shapes differ', {'values': [u(2, 3), u(3, 2)]}, {'axis': 0}),
        Case('int32 extremes', {'values': [BIG, BIG[::-1].copy()]}, {'axis': 1}),
    ]


def slice_cases():
    rng = rng_for('Slice')
    x = uniform(rng, [3, 4])
    return [
        Case('a block', {'input': x}, {'begin': [1, 1], 'size': [2, 2]}),
        Case('size -1 runs to the end', {'input': x}, {'begin': [1, 2], 'size': [-1, -1]}),
        Case('size 0', {'input': x}, {'begin': [1, 0], 'size': [0, 4]}),
        Case('int32 rank 3', {'input': ints(rng, [2, 3, 4])}, {'begin': [0, 1, 2], 'size': [2, 1, -1]}),
        Case('bool', {'input': bools(rng, [4])}, {'begin': [1], 'size': [2]}),
        Case('runs past the end', {'input': x}, {'begin': [2, 0], 'size': [2, 4]}),
        Case('begin of the wrong length', {'input': x}, {'begin': [1], 'size': [1]}),
        Case('int32 extremes', {'input': BIG}, {'begin': [1], 'size': [4]}),
    ]


def expand_dims_cases():
    rng = rng_for('ExpandDims')
    x = uniform(rng, [2, 3])
    return [Case(f'axis {a}', {'input': x}, {'axis': a}) for a in (0, 1, 2, -1, -3)] + [
        Case('a scalar', {'input': np.array(2.0, F32)}, {'axis': 0}),
        Case('bool', {'input': bools(rng, [2])}, {'axis': 1}),
        Case('axis past the rank', {'input': x}, {'axis': 3}),
        Case('axis before the first', {'input': x}, {'axis': -4}),
        Case('int32 extremes', {'input': BIG}, {'axis': 0}),
    ]


def squeeze_cases():
    rng = rng_for('Squeeze')
    x = uniform(rng, [1, 2, 1, 3, 1])
    return [
        Case('every size-1 axis', {'input': x}, {'squeeze_dims': []}),
        Case('listed axes', {'input': x}, {'squeeze_dims': [0, 2]}),
        Case('negative axes', {'input': x}, {'squeeze_dims': [-1]}),
        Case('to a scalar', {'input': uniform(rng, [1, 1])}, {'squeeze_dims': []}),
        Case('int32', {'input': ints(rng, [2, 1])}, {'squeeze_dims': [1]}),
        Case('an axis whose size is not 1', {'input': x}, {'squeeze_dims': [1]}),
        Case('int32 extremes', {'input': BIG.reshape(1, 6)}, {'squeeze_dims': []}),
    ]


def tile_cases():
    rng = rng_for('Tile')
    x = uniform(rng, [2, 3])
    return [
        Case('[2, 1]', {'input': x}, {'multiples': [2, 1]}),
        Case('[1, 3]', {'input': x}, {'multiples': [1, 3]}),
        Case('[2, 2]', {'input': x}, {'multiples': [2, 2]}),
        Case('0 empties an axis', {'input': x}, {'multiples': [0, 2]}),
        Case('int32 rank 1', {'input': ints(rng, [3])}, {'multiples': [3]}),
        Case('bool', {'input': bools(rng, [2, 1])}, {'multiples': [1, 4]}),
        Case('multiples of the wrong length', {'input': x}, {'multiples': [2]}),
        Case('int32 extremes', {'input': BIG}, {'multiples': [2]}),
    ]


CAST_FLOATS = np.array([0.0, -0.0, 2.7, -2.7, -0.5, 1e10, -1e10, 2147483520.0, -2147483648.0, 2.5e9, np.inf, -np.inf,
                        np.nan], F32)


def cast_cases():
    rng = rng_for('Cast')
    return [
        Case('float32 to int32 truncates toward zero', {'x': uniform(rng, [6], -5, 5)}, {'DstT': 'int32'}),
        Case('float32 to int32: NaN, inf and out of range', {'x': CAST_FLOATS}, {'DstT': 'int32'}),
        Case('float32 to bool', {'x': CAST_FLOATS}, {'DstT': 'bool'}),
        Case('float32 to float32', {'x': uniform(rng, [2, 3])}, {'DstT': 'float32'}),
        Case('int32 to float32 rounds past 2^24', {'x': INT_EDGES}, {'DstT': 'float32'}),
        Case('int32 to bool', {'x': INT_EDGES}, {'DstT': 'bool'}),
        Case('bool to float32', {'x': np.array([True, False, True])}, {'DstT': 'float32'}),
        Case('bool to int32', {'x': np.array([True, False])}, {'DstT': 'int32'}),
        Case('empty', {'x': uniform(rng, [0, 2])}, {'DstT': 'int32'}),
    ]


def one_hot_cases():
    idx = np.array([0, 2, -1, 1, 5], I32)
    return [
        Case('depth 3 (out of range indices give off_value rows)', {'indices': idx}, {'depth': 3}),
        Case('on and off values', {'indices': idx}, {'depth': 4, 'on_value': 5, 'off_value': -1}),
        Case('axis 0', {'indices': idx}, {'depth': 3, 'axis': 0}),
        Case('rank 2, axis 1', {'indices': np.array([[0, 1], [2, 0]], I32)}, {'depth': 3, 'axis': 1}),
        Case('rank 2, axis 0', {'indices': np.array([[0, 1], [2, 0]], I32)}, {'depth': 3, 'axis': 0}),
        Case('depth 1', {'indices': np.array([0, 1, -1], I32)}, {'depth': 1, 'axis': 0}),
        Case('depth 0', {'indices': np.array([0, 1], I32)}, {'depth': 0}),
        Case('a scalar index', {'indices': np.array(1, I32)}, {'depth': 3}),
        Case('axis past the rank', {'indices': idx}, {'depth': 3, 'axis': 2}),
        Case('negative depth', {'indices': idx}, {'depth': -1}),
    ]


def one_hot(i, a):
    dtype = {'float32': tf.float32, 'int32': tf.int32}[a.get('dtype', 'float32')]
    return {'output': raw.OneHot(indices=i['indices'], depth=a.get('depth', 2),
                                 on_value=tf.constant(a.get('on_value', 1), dtype),
                                 off_value=tf.constant(a.get('off_value', 0), dtype), axis=a.get('axis', -1))}


TF_DTYPES = {'float32': tf.float32, 'int32': tf.int32, 'bool': tf.bool}


def fill_cases():
    return [
        Case('float32 [2, 3]', {}, {'dims': [2, 3], 'value': 1.5, 'dtype': 'float32'}),
        Case('int32', {}, {'dims': [3], 'value': -7, 'dtype': 'int32'}),
        Case('bool', {}, {'dims': [2, 2], 'value': 1, 'dtype': 'bool'}),
        Case('a scalar', {}, {'dims': [], 'value': 3, 'dtype': 'float32'}),
        Case('empty', {}, {'dims': [0, 2], 'value': 3, 'dtype': 'float32'}),
        Case('the greatest int32', {}, {'dims': [2], 'value': 2**31 - 1, 'dtype': 'int32'}),
    ]


def fill(i, a):
    dtype = TF_DTYPES[a.get('dtype', 'float32')]
    value = tf.constant(bool(a['value']) if dtype == tf.bool else a['value'], dtype)
    return {'output': raw.Fill(dims=tf.constant(a.get('dims', [2, 2]), tf.int32), value=value)}


def range_cases():
    return [
        Case('int32 0…5', {}, {'start': 0, 'limit': 5, 'delta': 1, 'Tidx': 'int32'}),
        Case('int32 step 3', {}, {'start': -4, 'limit': 9, 'delta': 3, 'Tidx': 'int32'}),
        Case('int32 counting down', {}, {'start': 5, 'limit': -2, 'delta': -2, 'Tidx': 'int32'}),
        Case('float32 fractional step', {}, {'start': 0.5, 'limit': 2, 'delta': 0.3, 'Tidx': 'float32'}),
        Case('float32 counting down', {}, {'start': 1, 'limit': -1, 'delta': -0.5, 'Tidx': 'float32'}),
        Case('empty', {}, {'start': 3, 'limit': 3, 'delta': 1, 'Tidx': 'int32'}),
        Case('int32 past 2^24', {}, {'start': 16777215, 'limit': 16777221, 'delta': 1, 'Tidx': 'int32'}),
        Case('delta 0', {}, {'start': 0, 'limit': 3, 'delta': 0, 'Tidx': 'int32'}),
        Case('delta the wrong way', {}, {'start': 0, 'limit': 3, 'delta': -1, 'Tidx': 'int32'}),
    ]


def range_op(i, a):
    dtype = TF_DTYPES[a.get('Tidx', 'int32')]
    c = lambda k, d: tf.constant(a.get(k, d), dtype)
    return {'output': raw.Range(start=c('start', 0), limit=c('limit', 5), delta=c('delta', 1))}


def like_cases(name):
    rng = rng_for(name)
    return [Case(dtype, {'x': values(rng, [2, 3], dtype)}) for dtype in DTYPES] + [
        Case('edge values', {'x': FLOAT_EDGES}), Case('empty', {'x': uniform(rng, [0, 3])})]


def identity_cases():
    rng = rng_for('Identity')
    return [Case(dtype, {'input': values(rng, [2, 3], dtype)}) for dtype in DTYPES] + [
        Case('edge values', {'input': FLOAT_EDGES}, gradient=False), Case('scalar', {'input': uniform(rng, [])}),
        Case('int32 extremes', {'input': INT_EDGES})]


SPECS = [
    spec('Reshape', lambda i, a: {'output': raw.Reshape(tensor=i['tensor'], shape=tf.constant(a['shape'], tf.int32))},
         reshape_cases()),
    # TensorFlow's gradient of Transpose fails on negative perm entries ("-1 is not between 0 and 3"):
    # the tape sees them counted from the front.
    spec('Transpose', lambda i, a: {'y': raw.Transpose(x=i['x'], perm=tf_perm(i['x'], a['perm']))}, transpose_cases(),
         gradient_run=lambda i, a: {'y': raw.Transpose(x=i['x'], perm=[p % len(i['x'].shape)
                                                                       for p in tf_perm(i['x'], a['perm'])])}),
    spec('ConcatV2', lambda i, a: {'output': raw.ConcatV2(values=i['values'], axis=a.get('axis', 0))}, concat_cases()),
    spec('Pack', lambda i, a: {'output': raw.Pack(values=i['values'], axis=a.get('axis', 0))}, pack_cases()),
    spec('Slice', lambda i, a: {'output': raw.Slice(input=i['input'], begin=a['begin'], size=a['size'])}, slice_cases()),
    spec('ExpandDims', lambda i, a: {'output': raw.ExpandDims(input=i['input'], axis=a['axis'])}, expand_dims_cases()),
    spec('Squeeze', lambda i, a: {'output': raw.Squeeze(input=i['input'], axis=a['squeeze_dims'])}, squeeze_cases()),
    spec('Tile', lambda i, a: {'output': raw.Tile(input=i['input'], multiples=a['multiples'])}, tile_cases()),
    spec('Cast', lambda i, a: {'y': raw.Cast(x=i['x'], DstT=TF_DTYPES[a['DstT']])}, cast_cases()),
    spec('Identity', lambda i, a: {'output': raw.Identity(input=i['input'])}, identity_cases()),
    spec('OneHot', one_hot, one_hot_cases(), differentiable=False),
    spec('Fill', fill, fill_cases(), differentiable=False),
    spec('Range', range_op, range_cases(), differentiable=False),
    spec('ZerosLike', lambda i, a: {'y': raw.ZerosLike(x=i['x'])}, like_cases('ZerosLike'), differentiable=False),
    spec('OnesLike', lambda i, a: {'y': raw.OnesLike(x=i['x'])}, like_cases('OnesLike'), differentiable=False),
]
