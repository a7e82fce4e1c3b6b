"""Activations, softmax, matrix products, bias, convolution and pooling."""
import numpy as np
import tensorflow as tf

from .core import Case, OpSpec, rng_for
from .gen import F32, I32, ints, uniform
from .ops_math import unary

raw = tf.raw_ops
FEATURES = ('features', 'activations')
KINKS = np.array([0.0, -0.0, 6.0, -1.0, 1.0, 5.5, 6.5, -3.0], F32)


def leaky_relu_cases():
    rng = rng_for('LeakyRelu alpha')
    return [Case(f'alpha {alpha}', {'features': uniform(rng, [2, 4])}, {'alpha': alpha}) for alpha in (0.01, -0.5, 1.5)]


def softmax_cases(name):
    rng = rng_for(name)
    cases = [Case(f'{shape}', {'logits': uniform(rng, shape, -4, 4)}) for shape in ([5], [2, 4], [2, 3, 4], [1, 1])]
    cases += [
        Case('large logits do not overflow', {'logits': np.array([[1000, 1001, 999], [-1000, -1001, -999]], F32)}),
        Case('NaN stays in its own row', {'logits': np.array([[np.nan, 0, 1], [0, 1, 2]], F32)}, gradient=False),
        Case('infinite logits', {'logits': np.array([[np.inf, 0, 1], [-np.inf, 0, 1], [-np.inf, -np.inf, 0]], F32)},
             gradient=False),
        Case('empty batch', {'logits': uniform(rng, [0, 3])}),
        Case('a scalar has no class axis', {'logits': np.array(1.0, F32)}),
    ]
    return cases


def matmul_cases():
    rng = rng_for('MatMul')
    m = lambda *s: uniform(rng, list(s))
    cases = [
        Case('[2, 3] · [3, 4]', {'a': m(2, 3), 'b': m(3, 4)}),
        Case('transpose_a', {'a': m(3, 2), 'b': m(3, 4)}, {'transpose_a': True}),
        Case('transpose_b', {'a': m(2, 3), 'b': m(4, 3)}, {'transpose_b': True}),
        Case('both transposed', {'a': m(3, 2), 'b': m(4, 3)}, {'transpose_a': True, 'transpose_b': True}),
        Case('int32', {'a': ints(rng, [2, 3]), 'b': ints(rng, [3, 2])}),
        Case('int32 past 2^24', {'a': np.array([[16777217, 1], [123456789, 2]], I32), 'b': np.array([[1, 0], [3, 1]], I32)}),
        Case('empty inner dimension gives zeros', {'a': m(2, 0), 'b': m(0, 3)}),
        Case('empty rows', {'a': m(0, 3), 'b': m(3, 2)}),
        Case('NaN and inf', {'a': np.array([[np.nan, 1], [np.inf, 0]], F32), 'b': np.array([[1, 0], [0, 1]], F32)},
             gradient=False),
        Case('inner dimensions differ', {'a': m(2, 3), 'b': m(2, 4)}),
        Case('rank 3 is refused', {'a': m(2, 2, 3), 'b': m(3, 4)}),
    ]
    return cases


def batch_matmul_cases():
    rng = rng_for('BatchMatMulV2')
    m = lambda *s: uniform(rng, list(s))
    return [
        Case('same batch [2, 2, 3] · [2, 3, 4]', {'x': m(2, 2, 3), 'y': m(2, 3, 4)}),
        Case('broadcast batch [2, 1, 2, 3] · [3, 3, 2]', {'x': m(2, 1, 2, 3), 'y': m(3, 3, 2)}),
        Case('broadcast batch [2, 1, 1, 1] · [3, 1, 1]',
             {'x': np.array([1, 2], F32).reshape(2, 1, 1, 1), 'y': np.array([1, 10, 100], F32).reshape(3, 1, 1)}),
        Case('rank 2 · rank 3', {'x': m(2, 3), 'y': m(4, 3, 2)}),
        Case('rank 3 · rank 2', {'x': m(4, 2, 3), 'y': m(3, 2)}),
        Case('adj_x and adj_y', {'x': m(2, 3, 2), 'y': m(2, 4, 3)}, {'adj_x': True, 'adj_y': True}),
        Case('adj_y with a broadcast batch', {'x': m(1, 2, 3), 'y': m(3, 4, 3)}, {'adj_y': True}),
        Case('empty batch [0, 2, 3] · [3, 4]', {'x': m(0, 2, 3), 'y': m(3, 4)}),
        Case('empty inner dimension', {'x': m(2, 2, 0), 'y': m(2, 0, 3)}),
        Case('int32 broadcast batch', {'x': ints(rng, [2, 1, 2, 2]), 'y': ints(rng, [3, 2, 2])}),
        Case('int32 past 2^24', {'x': np.array([[[16777217, 1], [123456789, 2]]], I32),
                                 'y': np.array([[[1, 0], [3, 1]]], I32)}),
        Case('batches that do not broadcast', {'x': m(2, 2, 3), 'y': m(3, 3, 4)}),
        Case('inner dimensions differ', {'x': m(2, 2, 3), 'y': m(2, 2, 4)}),
    ]


def bias_add_cases():
    rng = rng_for('BiasAdd')
    return [
        Case('NHWC rank 2', {'value': uniform(rng, [3, 4]), 'bias': uniform(rng, [4])}),
        Case('NHWC rank 4', {'value': uniform(rng, [2, 3, 3, 2]), 'bias': uniform(rng, [2])}),
        Case('NCHW rank 4', {'value': uniform(rng, [2, 3, 2, 2]), 'bias': uniform(rng, [3])}, {'data_format': 'NCHW'}),
        Case('NCHW rank 3', {'value': uniform(rng, [2, 3, 4]), 'bias': uniform(rng, [3])}, {'data_format': 'NCHW'}),
        Case('NCHW rank 2 adds along the last axis', {'value': uniform(rng, [2, 3]), 'bias': uniform(rng, [3])},
             {'data_format': 'NCHW'}),
        Case('int32', {'value': ints(rng, [2, 3]), 'bias': ints(rng, [3])}),
        Case('int32 past 2^24', {'value': np.array([[16777217, 2**31 - 2], [123456789, -2**31]], I32),
                                 'bias': np.array([1, 1], I32)}),
        Case('bias of the wrong length', {'value': uniform(rng, [2, 3]), 'bias': uniform(rng, [2])}),
        Case('bias must be a vector', {'value': uniform(rng, [2, 3]), 'bias': uniform(rng, [1, 3])}),
        Case('value of rank 1', {'value': uniform(rng, [3]), 'bias': uniform(rng, [3])}),
    ]


def dilate(f, dh, dw):
    """The filter with dh - 1 and dw - 1 zeros between its taps: a dilated convolution without dilations."""
    def along(f, axis, d):
        if d == 1:
            return f
        n = f.shape[axis]
        zeros = tf.zeros_like(f)
        spread = tf.stack([f] + [zeros] * (d - 1), axis=axis + 1)
        shape = f.shape.as_list()
        shape[axis] = n * d
        return tf.slice(tf.reshape(spread, shape), [0] * len(shape), [(n - 1) * d + 1 if i == axis else -1
                                                                         for i in range(len(shape))])
    return along(along(f, 0, dh), 1, dw)


def conv2d(i, a, dilated_filter=False):
    dilations = a.get('dilations', [1, 1, 1, 1])
    if dilated_filter:
        return {'output': raw.Conv2D(input=i['input'], filter=dilate(i['filter'], dilations[1], dilations[2]),
                                     strides=a.get('strides', [1, 1, 1, 1]), padding=a['padding'])}
    return {'output': raw.Conv2D(input=i['input'], filter=i['filter'], strides=a.get('strides', [1, 1, 1, 1]),
                                 padding=a['padding'], dilations=dilations)}


def nhwc(h, w):
    return [1, h, w, 1]


def conv_cases():
    rng = rng_for('Conv2D')
    x = lambda *s: uniform(rng, list(s), -1, 1)
    cases = [
        Case('VALID', {'input': x(1, 5, 5, 2), 'filter': x(3, 3, 2, 3)}, {'padding': 'VALID'}),
        Case('SAME', {'input': x(2, 4, 5, 2), 'filter': x(3, 3, 2, 2)}, {'padding': 'SAME'}),
        Case('SAME, stride 2, even size (padding after only)', {'input': x(1, 6, 6, 1), 'filter': x(3, 3, 1, 2)},
             {'padding': 'SAME', 'strides': nhwc(2, 2)}),
        Case('SAME, stride 2, odd size', {'input': x(1, 7, 5, 2), 'filter': x(2, 2, 2, 1)},
             {'padding': 'SAME', 'strides': nhwc(2, 2)}),
        Case('VALID, strides 2 and 3', {'input': x(1, 7, 8, 1), 'filter': x(2, 3, 1, 2)},
             {'padding': 'VALID', 'strides': nhwc(2, 3)}),
        Case('dilations 2', {'input': x(1, 6, 6, 1), 'filter': x(2, 2, 1, 1)},
             {'padding': 'VALID', 'dilations': nhwc(2, 2)}),
        Case('SAME with dilations 2', {'input': x(1, 5, 5, 2), 'filter': x(3, 3, 2, 1)},
             {'padding': 'SAME', 'dilations': nhwc(2, 2)}),
        Case('strides and dilations both 2', {'input': x(1, 7, 7, 1), 'filter': x(2, 2, 1, 2)},
             {'padding': 'VALID', 'strides': nhwc(2, 2), 'dilations': nhwc(2, 2)}),
        Case('SAME, strides 2 and dilations 3', {'input': x(1, 8, 7, 2), 'filter': x(3, 2, 2, 1)},
             {'padding': 'SAME', 'strides': nhwc(2, 2), 'dilations': nhwc(3, 3)}),
        Case('1×1 filter', {'input': x(2, 3, 3, 4), 'filter': x(1, 1, 4, 2)}, {'padding': 'VALID'}),
        Case('empty batch', {'input': x(0, 3, 3, 1), 'filter': x(2, 2, 1, 1)}, {'padding': 'VALID'}),
        Case('channels differ', {'input': x(1, 4, 4, 2), 'filter': x(2, 2, 3, 1)}, {'padding': 'VALID'}),
        Case('a stride on the batch dimension', {'input': x(2, 4, 4, 1), 'filter': x(2, 2, 1, 1)},
             {'padding': 'VALID', 'strides': [2, 1, 1, 1]}),
    ]
    return cases


def pool_cases(name, dtypes):
    rng = rng_for(name)
    port = 'value' if name == 'AvgPool' else 'input'
    x = lambda *s: uniform(rng, list(s))
    cases = [
        Case('2×2 VALID', {port: x(1, 4, 4, 2)}, {'ksize': nhwc(2, 2), 'strides': nhwc(2, 2), 'padding': 'VALID'}),
        Case('2×2 SAME, odd size', {port: x(2, 5, 3, 1)}, {'ksize': nhwc(2, 2), 'strides': nhwc(2, 2), 'padding': 'SAME'}),
        Case('3×3 SAME, stride 1 (windows overlap the border)', {port: x(1, 5, 5, 2)},
             {'ksize': nhwc(3, 3), 'strides': nhwc(1, 1), 'padding': 'SAME'}),
        Case('3×2 VALID, strides 1 and 2', {port: x(1, 5, 6, 1)},
             {'ksize': nhwc(3, 2), 'strides': nhwc(1, 2), 'padding': 'VALID'}),
        # TensorFlow's MaxPoolGrad returns uninitialized memory for an empty output: no gradient recorded.
        Case('window larger than the input under VALID', {port: x(1, 2, 2, 1)},
             {'ksize': nhwc(3, 3), 'strides': nhwc(1, 1), 'padding': 'VALID'}, gradient=name != 'MaxPool'),
        Case('ksize on the batch dimension', {port: x(2, 4, 4, 1)},
             {'ksize': [2, 2, 2, 1], 'strides': nhwc(2, 2), 'padding': 'VALID'}),
    ]
    if name == 'MaxPool':
        ties = np.round(uniform(rng, [1, 4, 4, 1], -1, 1))
        cases.append(Case('ties', {port: ties}, {'ksize': nhwc(2, 2), 'strides': nhwc(2, 2), 'padding': 'VALID'}))
        cases.append(Case('overlapping windows with ties', {port: ties},
                          {'ksize': nhwc(3, 3), 'strides': nhwc(1, 1), 'padding': 'SAME'}))
    if 'int32' in dtypes:
        cases.append(Case('int32', {port: ints(rng, [1, 4, 4, 1])},
                          {'ksize': nhwc(2, 2), 'strides': nhwc(2, 2), 'padding': 'VALID'}))
        big = np.array([16777217, 16777216, -2**31, 2**31 - 1], I32).reshape(1, 2, 2, 1)
        cases.append(Case('int32 past 2^24', {port: big}, {'ksize': nhwc(1, 2), 'strides': nhwc(1, 1), 'padding': 'SAME'}))
    return cases


def pool(name, fn, dtypes):
    port = 'value' if name == 'AvgPool' else 'input'
    return OpSpec(name, lambda i, a: {'output': fn(i[port], ksize=a.get('ksize', nhwc(2, 2)),
                                                   strides=a.get('strides', nhwc(2, 2)),
                                                   padding=a.get('padding', 'VALID'))}, pool_cases(name, dtypes))


SPECS = [
    unary('Relu', raw.Relu, FEATURES, dtypes=('float32', 'int32'), grad_edges=KINKS),
    unary('Relu6', raw.Relu6, FEATURES, dtypes=('float32', 'int32'), domain=(-2, 8), grad_edges=KINKS),
    OpSpec('LeakyRelu', lambda i, a: {'activations': raw.LeakyRelu(features=i['features'], alpha=a.get('alpha', 0.2))},
           unary('LeakyRelu', raw.LeakyRelu, FEATURES, grad_edges=KINKS).cases + leaky_relu_cases()),
    unary('Elu', raw.Elu, FEATURES, grad_edges=KINKS),
    unary('Selu', raw.Selu, FEATURES, grad_edges=KINKS),
    unary('Softplus', raw.Softplus, FEATURES, domain=(-30, 30)),
    unary('Sigmoid', raw.Sigmoid, domain=(-10, 10)),
    unary('Tanh', raw.Tanh),
    OpSpec('Softmax', lambda i, a: {'softmax': raw.Softmax(logits=i['logits'])}, softmax_cases('Softmax')),
    OpSpec('LogSoftmax', lambda i, a: {'logsoftmax': raw.LogSoftmax(logits=i['logits'])}, softmax_cases('LogSoftmax')),
    OpSpec('MatMul', lambda i, a: {'product': raw.MatMul(a=i['a'], b=i['b'], transpose_a=a.get('transpose_a', False),
                                                         transpose_b=a.get('transpose_b', False))}, matmul_cases()),
    OpSpec('BatchMatMulV2', lambda i, a: {'output': raw.BatchMatMulV2(x=i['x'], y=i['y'], adj_x=a.get('adj_x', False),
                                                                      adj_y=a.get('adj_y', False))},
           batch_matmul_cases()),
    OpSpec('BiasAdd', lambda i, a: {'output': raw.BiasAdd(value=i['value'], bias=i['bias'],
                                                          data_format=a.get('data_format', 'NHWC'))}, bias_add_cases()),
    # TensorFlow's CPU kernels have no gradient for dilations > 1: its tape sees the dilated filter instead.
    OpSpec('Conv2D', conv2d, conv_cases(), gradient_run=lambda i, a: conv2d(i, a, dilated_filter=True)),
    pool('MaxPool', lambda x, **k: raw.MaxPool(input=x, **k), ('float32', 'int32')),
    pool('AvgPool', lambda x, **k: raw.AvgPool(value=x, **k), ('float32',)),
]
