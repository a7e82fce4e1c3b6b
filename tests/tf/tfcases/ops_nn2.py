"""Depthwise and transposed convolutions, PReLU, resizing, batch normalization and the converter fused ops."""
import numpy as np
import tensorflow as tf

from .core import Case, OpSpec, rng_for
from .gen import F32, FINITE_EDGES, I32, INF, NAN, ints, uniform
from .ops_nn import dilate, nhwc

raw = tf.raw_ops
NO_STRIDES = [1, 1, 1, 1]


def undilated(filt, a):
    """The filter and dilations to give TensorFlow's CPU kernels, which refuse spatial dilations in
    DepthwiseConv2dNative and Conv2DBackpropInput and have no gradient for them in Conv2D: the
    filter with zeros between its taps instead. Dilations off the spatial dimensions reach the kernel."""
    dilations = a.get('dilations', NO_STRIDES)
    if dilations[0] == 1 and dilations[3] == 1 and (dilations[1] > 1 or dilations[2] > 1):
        return dilate(filt, dilations[1], dilations[2]), NO_STRIDES
    return filt, dilations


# DepthwiseConv2dNative


def depthwise(i, a):
    filt, dilations = undilated(i['filter'], a)
    return {'output': raw.DepthwiseConv2dNative(input=i['input'], filter=filt, strides=a.get('strides', NO_STRIDES),
                                                padding=a['padding'], dilations=dilations)}


def depthwise_cases():
    rng = rng_for('DepthwiseConv2dNative')
    x = lambda *s: uniform(rng, list(s), -1, 1)
    cases = [
        Case('VALID', {'input': x(1, 5, 5, 2), 'filter': x(3, 3, 2, 1)}, {'padding': 'VALID'}),
        Case('SAME, multiplier 2', {'input': x(2, 4, 5, 3), 'filter': x(3, 3, 3, 2)}, {'padding': 'SAME'}),
        Case('SAME, stride 2, even size', {'input': x(1, 6, 6, 2), 'filter': x(3, 3, 2, 2)},
             {'padding': 'SAME', 'strides': nhwc(2, 2)}),
        Case('SAME, stride 2, odd size', {'input': x(1, 7, 5, 2), 'filter': x(2, 2, 2, 1)},
             {'padding': 'SAME', 'strides': nhwc(2, 2)}),
        Case('VALID, strides 3', {'input': x(1, 7, 8, 1), 'filter': x(2, 3, 1, 3)},
             {'padding': 'VALID', 'strides': nhwc(3, 3)}),
        Case('dilations 2', {'input': x(1, 6, 6, 2), 'filter': x(2, 2, 2, 1)},
             {'padding': 'VALID', 'dilations': nhwc(2, 2)}),
        Case('SAME with dilations 2 and 1', {'input': x(1, 5, 5, 2), 'filter': x(3, 3, 2, 2)},
             {'padding': 'SAME', 'dilations': nhwc(2, 1)}),
        Case('strides and dilations both 2', {'input': x(1, 7, 7, 1), 'filter': x(2, 2, 1, 2)},
             {'padding': 'VALID', 'strides': nhwc(2, 2), 'dilations': nhwc(2, 2)}),
        Case('SAME, strides 2 and dilations 3', {'input': x(1, 8, 7, 2), 'filter': x(3, 2, 2, 1)},
             {'padding': 'SAME', 'strides': nhwc(2, 2), 'dilations': nhwc(3, 3)}),
        Case('1×1 filter, multiplier 3', {'input': x(2, 3, 3, 2), 'filter': x(1, 1, 2, 3)}, {'padding': 'VALID'}),
        # TensorFlow's gradient kernels return uninitialized memory for an empty output: none recorded.
        Case('empty batch', {'input': x(0, 3, 3, 2), 'filter': x(2, 2, 2, 1)}, {'padding': 'VALID'}, gradient=False),
        Case('multiplier 0', {'input': x(1, 3, 3, 2), 'filter': x(2, 2, 2, 0)}, {'padding': 'SAME'}, gradient=False),
        Case('window a little larger than the input leaves no output',
             {'input': x(1, 2, 5, 2), 'filter': x(3, 3, 2, 1)}, {'padding': 'VALID'}, gradient=False),
        Case('NaN and inf', {'input': np.array([NAN, 1, INF, 0, -INF, 2, 1, 1, 3], F32).reshape(1, 3, 3, 1),
                             'filter': np.ones([2, 2, 1, 1], F32)}, {'padding': 'VALID'}, gradient=False),
        Case('window larger by two strides', {'input': x(1, 1, 5, 2), 'filter': x(3, 3, 2, 1)}, {'padding': 'VALID'}),
        Case('channels differ', {'input': x(1, 4, 4, 3), 'filter': x(2, 2, 2, 1)}, {'padding': 'VALID'}),
        Case('a stride on the batch dimension', {'input': x(2, 4, 4, 1), 'filter': x(2, 2, 1, 1)},
             {'padding': 'VALID', 'strides': [2, 1, 1, 1]}),
        Case('a dilation on the channel dimension', {'input': x(1, 4, 4, 1), 'filter': x(2, 2, 1, 1)},
             {'padding': 'VALID', 'dilations': [1, 1, 1, 2]}),
        Case('input of rank 3', {'input': x(4, 4, 2), 'filter': x(2, 2, 2, 1)}, {'padding': 'VALID'}),
        Case('strides 2 and 1 (TensorFlow takes only equal ones)', {'input': x(1, 4, 4, 1), 'filter': x(2, 2, 1, 1)},
             {'padding': 'VALID', 'strides': nhwc(2, 1)}),
    ]
    for k in range(4):
        n, h, w, c, m = (int(v) for v in rng.integers(1, 5, 5))
        fh, fw = (int(v) for v in rng.integers(1, min(h, w) + 1, 2))
        padding = ('SAME', 'VALID')[k % 2]
        strides = nhwc(1 + k // 2, 1 + k // 2)
        cases.append(Case(f'random [{n}, {h}, {w}, {c}] * [{fh}, {fw}, {c}, {m}] {padding} strides {strides[1:3]}',
                          {'input': x(n, h, w, c), 'filter': x(fh, fw, c, m)},
                          {'padding': padding, 'strides': strides}))
    return cases


# Conv2DBackpropInput


def backprop_input(i, a):
    filt, dilations = undilated(i['filter'], a)
    return {'output': raw.Conv2DBackpropInput(input_sizes=tf.constant(a['input_sizes'], tf.int32), filter=filt,
                                              out_backprop=i['out_backprop'], strides=a.get('strides', NO_STRIDES),
                                              padding=a['padding'], dilations=dilations)}


def backprop_input_cases():
    rng = rng_for('Conv2DBackpropInput')
    x = lambda *s: uniform(rng, list(s), -1, 1)

    def case(title, sizes, filt, out, gradient=True, **attrs):
        return Case(title, {'filter': x(*filt), 'out_backprop': x(*out)}, {'input_sizes': sizes, **attrs},
                    gradient=gradient)

    cases = [
        case('VALID', [1, 5, 5, 2], [3, 3, 2, 4], [1, 3, 3, 4], padding='VALID'),
        case('SAME', [2, 4, 5, 3], [3, 3, 3, 2], [2, 4, 5, 2], padding='SAME'),
        case('SAME, stride 2, even size', [1, 6, 6, 1], [3, 3, 1, 2], [1, 3, 3, 2], padding='SAME', strides=nhwc(2, 2)),
        case('SAME, stride 2, odd size', [1, 7, 5, 2], [2, 2, 2, 1], [1, 4, 3, 1], padding='SAME', strides=nhwc(2, 2)),
        case('VALID, strides 2 and 3', [1, 7, 8, 1], [2, 3, 1, 2], [1, 3, 2, 2], padding='VALID', strides=nhwc(2, 3)),
        case('VALID, stride 2 leaves the last row out', [1, 6, 6, 1], [3, 3, 1, 1], [1, 2, 2, 1], padding='VALID',
             strides=nhwc(2, 2)),
        case('dilations 2', [1, 6, 6, 1], [2, 2, 1, 2], [1, 4, 4, 2], padding='VALID', dilations=nhwc(2, 2)),
        case('SAME with dilations 2', [1, 5, 5, 2], [3, 3, 2, 1], [1, 5, 5, 1], padding='SAME', dilations=nhwc(2, 2)),
        case('strides and dilations both 2', [1, 7, 7, 1], [2, 2, 1, 2], [1, 3, 3, 2], padding='VALID',
             strides=nhwc(2, 2), dilations=nhwc(2, 2)),
        case('input_sizes of height and width only', [5, 4], [3, 2, 2, 3], [2, 3, 3, 3], padding='VALID'),
        case('1×1 filter', [2, 3, 3, 4], [1, 1, 4, 2], [2, 3, 3, 2], padding='VALID'),
        case('empty batch', [0, 5, 5, 2], [3, 3, 2, 4], [0, 3, 3, 4], padding='VALID'),
        # TensorFlow's gradient kernels return uninitialized memory for an empty out_backprop: none recorded.
        case('a window larger than the input: zeros', [1, 2, 5, 2], [3, 3, 2, 4], [1, 0, 3, 4], padding='VALID',
             gradient=False),
        case('no output channels: zeros', [1, 4, 4, 2], [3, 3, 2, 0], [1, 2, 2, 0], padding='VALID', gradient=False),
        case('out_backprop of the wrong size', [1, 5, 5, 2], [3, 3, 2, 4], [1, 4, 3, 4], padding='VALID'),
        case('a window larger by two strides', [1, 1, 5, 2], [3, 3, 2, 4], [1, 0, 3, 4], padding='VALID'),
        case('input_sizes of 3 values', [5, 5, 2], [3, 3, 2, 4], [1, 3, 3, 4], padding='VALID'),
        case('a negative input size', [1, -5, 5, 2], [3, 3, 2, 4], [1, 3, 3, 4], padding='VALID'),
        case('batches differ', [2, 5, 5, 2], [3, 3, 2, 4], [1, 3, 3, 4], padding='VALID'),
        case('input channels differ from the filter', [1, 5, 5, 4], [3, 3, 2, 4], [1, 3, 3, 4], padding='VALID'),
        case('out_backprop channels differ from the filter', [1, 5, 5, 2], [3, 3, 2, 4], [1, 3, 3, 3], padding='VALID'),
        case('a stride on the batch dimension', [1, 5, 5, 2], [3, 3, 2, 4], [1, 3, 3, 4], padding='VALID',
             strides=[2, 1, 1, 1]),
        case('filter of rank 3', [1, 5, 5, 2], [3, 3, 2], [1, 3, 3, 4], padding='VALID'),
    ]
    for k in range(4):
        n, h, w, c, o = (int(v) for v in rng.integers(1, 6, 5))
        fh, fw = (int(v) for v in rng.integers(1, min(h, w) + 1, 2))
        sh, sw = (int(v) for v in rng.integers(1, 3, 2))
        padding = ('SAME', 'VALID')[k % 2]
        oh, ow = ((-(-h // sh), -(-w // sw)) if padding == 'SAME' else ((h - fh) // sh + 1, (w - fw) // sw + 1))
        cases.append(case(f'random {padding} input [{n}, {h}, {w}, {c}], filter [{fh}, {fw}, {c}, {o}], '
                          f'strides {sh} and {sw}', [n, h, w, c], [fh, fw, c, o], [n, oh, ow, o], padding=padding,
                          strides=nhwc(sh, sw)))
    return cases


# Prelu: no TensorFlow op; Keras's PReLU layer computes it as below.


def prelu(x, alpha):
    return tf.maximum(tf.constant(0, F32), x) + alpha * tf.minimum(tf.constant(0, F32), x)


def prelu_cases():
    rng = rng_for('Prelu')
    u = lambda *s: uniform(rng, list(s))
    edges_x, edges_alpha = FINITE_EDGES.reshape(-1, 1), np.array([0.25, -0.5, 0.0, 1.5], F32)
    return [
        Case('one slope per channel', {'x': u(2, 3, 4), 'alpha': uniform(rng, [4], 0, 1)}),
        Case('slopes of shape [1, 1, channels]', {'x': u(2, 3, 3, 2), 'alpha': uniform(rng, [1, 1, 2], 0, 1)}),
        Case('a scalar slope', {'x': u(3, 4), 'alpha': np.array(0.1, F32)}),
        Case('a slope per element', {'x': u(2, 3), 'alpha': u(2, 3)}),
        Case('negative and steep slopes', {'x': u(4, 2), 'alpha': np.array([-0.5, 2.5], F32)}),
        Case('zeros, ties and signs', {'x': edges_x, 'alpha': edges_alpha}),
        Case('NaN and inf', {'x': np.array([[NAN], [INF], [-INF], [0.0], [-0.0]], F32), 'alpha': edges_alpha},
             gradient=False),
        Case('slopes of inf and NaN', {'x': edges_x, 'alpha': np.array([INF, -INF, NAN], F32)}, gradient=False),
        Case('the slopes broadcast x out', {'x': u(3), 'alpha': uniform(rng, [2, 3], 0, 1)}),
        Case('empty', {'x': u(0, 3), 'alpha': uniform(rng, [3], 0, 1)}),
        Case('slopes that do not broadcast', {'x': u(2, 3), 'alpha': u(2)}),
    ]


# ResizeBilinear, ResizeNearestNeighbor

MODES = [('', {}), (', align_corners', {'align_corners': True}), (', half_pixel_centers', {'half_pixel_centers': True})]


def resize(fn):
    return lambda i, a: {'resized_images': fn(images=i['images'], size=tf.constant(a['size'], tf.int32),
                                               align_corners=a.get('align_corners', False),
                                               half_pixel_centers=a.get('half_pixel_centers', False))}


def resize_cases(name):
    rng = rng_for(name)
    u = lambda *s: uniform(rng, list(s))
    cases = []
    # Ratios whose float32 sampling positions land on or near pixel boundaries: 3 → 7, 10 → 3, 7 → 3, 5 → 10.
    for label, mode in MODES:
        cases += [
            Case(f'up [3, 4] to [5, 7]{label}', {'images': u(1, 3, 4, 2)}, {'size': [5, 7], **mode}),
            Case(f'down [7, 9] to [3, 4]{label}', {'images': u(2, 7, 9, 1)}, {'size': [3, 4], **mode}),
            Case(f'[3, 10] to [7, 3]{label}', {'images': u(1, 3, 10, 1)}, {'size': [7, 3], **mode}),
            Case(f'[7, 5] to [3, 10]{label}', {'images': u(1, 7, 5, 2)}, {'size': [3, 10], **mode}),
            Case(f'to a single pixel{label}', {'images': u(1, 3, 4, 1)}, {'size': [1, 1], **mode}),
            Case(f'from a single pixel{label}', {'images': u(1, 1, 1, 2)}, {'size': [3, 2], **mode}),
            Case(f'int32{label}', {'images': ints(rng, [1, 3, 3, 1], -100, 100)}, {'size': [5, 4], **mode}),
        ]
    cases += [
        Case('the same size', {'images': u(1, 3, 4, 2)}, {'size': [3, 4]}),
        Case('up 9 times', {'images': u(1, 2, 2, 1)}, {'size': [18, 17], 'half_pixel_centers': True}),
        Case('int32 past 2^24', {'images': np.array([16777217, -16777217, 2**31 - 1, -2**31], I32).reshape(1, 2, 2, 1)},
             {'size': [3, 3]}),
        Case('NaN and inf', {'images': np.array([NAN, 1, INF, -INF, 0, 2], F32).reshape(1, 2, 3, 1)}, {'size': [3, 4]},
             gradient=False),
        Case('empty batch', {'images': u(0, 2, 3, 2)}, {'size': [4, 4]}),
        Case('no channel', {'images': u(1, 2, 3, 0)}, {'size': [4, 4]}),
        Case('no rows', {'images': u(1, 0, 3, 2)}, {'size': [4, 4]}),
        Case('a size of 0', {'images': u(1, 2, 3, 1)}, {'size': [0, 3]}),
        Case('a negative size', {'images': u(1, 2, 3, 1)}, {'size': [2, -3]}),
        Case('size of 3 values', {'images': u(1, 2, 3, 1)}, {'size': [2, 3, 1]}),
        Case('images of rank 3', {'images': u(2, 3, 1)}, {'size': [4, 4]}),
        Case('align_corners and half_pixel_centers', {'images': u(1, 2, 3, 1)},
             {'size': [4, 4], 'align_corners': True, 'half_pixel_centers': True}),
    ]
    if name == 'ResizeNearestNeighbor':
        # Where float32 arithmetic lands just below a pixel boundary that a double's reaches.
        cases += [
            Case('26 to 22: float32 picks the pixel', {'images': u(1, 2, 26, 1)}, {'size': [2, 22]}),
            Case('14 to 23, align_corners: float32 picks the pixel', {'images': u(1, 14, 2, 1)},
                 {'size': [23, 2], 'align_corners': True}),
            Case('6 to 37, half_pixel_centers: float32 picks the pixel', {'images': u(1, 6, 2, 1)},
                 {'size': [37, 2], 'half_pixel_centers': True}),
        ]
    for k in range(4):
        n, h, w, c = (int(v) for v in rng.integers(1, 6, 4))
        size = [int(v) for v in rng.integers(1, 12, 2)]
        label, mode = MODES[k % 3]
        cases.append(Case(f'random [{n}, {h}, {w}, {c}] to {size}{label}', {'images': u(n, h, w, c)},
                          {'size': size, **mode}))
    return cases


# FusedBatchNorm, FusedBatchNormV3

BATCH_NORM_OUTPUTS = ['y', 'batch_mean', 'batch_variance', 'reserve_space_1', 'reserve_space_2']


def batch_norm(fn, outputs):
    def run(i, a):
        training = a.get('is_training', True)
        result = dict(zip(outputs, fn(x=i['x'], scale=i['scale'], offset=i['offset'], mean=i['mean'],
                                      variance=i['variance'], epsilon=a.get('epsilon', 0.0001),
                                      exponential_avg_factor=a.get('exponential_avg_factor', 1.0),
                                      data_format=a.get('data_format', 'NHWC'), is_training=training)))
        # TensorFlow's CPU kernel leaves the reserve spaces unset (uninitialized memory) when not
        # training and when x is empty: nothing to compare there.
        if not training or tf.size(i['x']) == 0:
            del result['reserve_space_1'], result['reserve_space_2']
        return result
    return run


def channels_last(run):
    """`run` on x with its channels moved last, then back: TensorFlow's CPU kernel does the same with
    NCHW, but its gradient function transposes a rank-5 x by a permutation of 4 when not training."""
    def moved(i, a):
        if a.get('data_format', 'NHWC') == 'NHWC':
            return run(i, a)
        rank = len(i['x'].shape)
        to_last = [0] + list(range(2, rank)) + [1]
        result = run({**i, 'x': tf.transpose(i['x'], to_last)}, {**a, 'data_format': 'NHWC'})
        result['y'] = tf.transpose(result['y'], np.argsort(to_last))
        return result
    return moved


def batch_norm_cases(name):
    rng = rng_for(name)
    u = lambda *s: uniform(rng, list(s))
    pos = lambda *s: uniform(rng, list(s), 0.2, 2)

    def case(title, x, c, attrs=None, mean=None, variance=None, **kw):
        stats = {'mean': u(c) if mean is None else mean, 'variance': pos(c) if variance is None else variance}
        return Case(title, {'x': x, 'scale': uniform(rng, [c], 0.5, 2), 'offset': u(c), **stats}, attrs or {}, **kw)

    empty = np.zeros([0], F32)
    return [
        case('training, no running statistics', u(2, 3, 3, 2), 2, mean=empty, variance=empty),
        case('training ignores mean and variance', u(2, 2, 3, 3), 3),
        case('training with a running average', u(3, 2, 2, 2), 2, {'exponential_avg_factor': 0.25}),
        case('inference', u(2, 3, 3, 2), 2, {'is_training': False}),
        case('inference, epsilon 0.01', u(1, 3, 2, 4), 4, {'is_training': False, 'epsilon': 0.01}),
        case('inference, NCHW', u(2, 3, 2, 2), 3, {'is_training': False, 'data_format': 'NCHW'}),
        case('training, NCHW', u(2, 3, 2, 2), 3, {'data_format': 'NCHW'}),
        case('training, NCHW, running average', u(2, 2, 3, 3), 2,
             {'data_format': 'NCHW', 'exponential_avg_factor': 0.6}),
        case('rank 5, training', u(2, 2, 2, 3, 2), 2),
        case('rank 5, inference', u(1, 2, 3, 2, 3), 3, {'is_training': False}),
        case('rank 5, NCHW, inference', u(2, 3, 2, 2, 2), 3, {'is_training': False, 'data_format': 'NCHW'}),
        case('rank 5, NCHW, training', u(2, 3, 2, 1, 2), 3, {'data_format': 'NCHW'}),
        case('one value per channel in training', u(1, 1, 1, 3), 3),
        case('a constant channel in training', np.full([2, 2, 2, 1], 1.5, F32), 1),
        case('empty batch, training', u(0, 2, 2, 3), 3),
        case('empty batch, inference', u(0, 2, 2, 3), 3, {'is_training': False}),
        case('zero variance and epsilon', u(1, 2, 2, 2), 2, {'is_training': False, 'epsilon': 0.0},
             variance=np.array([0, 1], F32), gradient=False),
        case('negative variance', u(1, 2, 2, 2), 2, {'is_training': False}, variance=np.array([-1, 1], F32),
             gradient=False),
        case('NaN and inf in training', np.array([NAN, 1, INF, 2, 0, 3, -1, 4], F32).reshape(1, 2, 2, 2), 2,
             gradient=False),
        case('x of rank 3', u(3, 3, 2), 2),
        Case('scale of the wrong length', {'x': u(2, 2, 2, 2), 'scale': u(3), 'offset': u(2), 'mean': u(2),
                                           'variance': pos(2)}),
        Case('offset of the wrong length', {'x': u(2, 2, 2, 2), 'scale': u(2), 'offset': u(3), 'mean': u(2),
                                            'variance': pos(2)}),
        Case('scale of rank 2', {'x': u(2, 2, 2, 2), 'scale': u(1, 2), 'offset': u(2), 'mean': u(2),
                                 'variance': pos(2)}),
        case('mean of the wrong length in inference', u(2, 2, 2, 2), 2, {'is_training': False}, mean=u(3)),
        case('variance of the wrong length in inference', u(2, 2, 2, 2), 2, {'is_training': False}, variance=pos(3)),
        case('mean of the wrong length with a running average', u(2, 2, 2, 2), 2, {'exponential_avg_factor': 0.5},
             mean=u(3)),
        case('mean of rank 2 in training', u(2, 2, 2, 2), 2, mean=u(1, 2)),
    ]


# The converter's fused ops: TensorFlow's raw ops do not expose them; their reference is the chain
# they replace.

EXTRA_ARGS = {'BiasAdd': 1, 'FusedBatchNorm': 4, 'NoOp': 0}


def fused_tail(y, args, a, formula=False):
    """BiasAdd or FusedBatchNorm (inference) and the activation, as the unfused ops compute them.
    `formula`: batch norm written out, so that the tape reaches mean and variance (TensorFlow's
    FusedBatchNorm passes them no gradient)."""
    fused_ops = a.get('fused_ops', 'BiasAdd').split(',')
    extra, activation = fused_ops[0], (fused_ops[1:] or [None])[0]
    needed = EXTRA_ARGS[extra] + (activation == 'Prelu')
    # tfjs-converter's executor refuses these ("must have one extra argument: bias").
    if a.get('num_args', 1) != needed:
        raise ValueError(f'{a["fused_ops"]} takes {needed} args, num_args is {a.get("num_args", 1)}')
    if len(args) != needed:
        raise ValueError(f'{a["fused_ops"]} takes {needed} args, {len(args)} given')
    if extra == 'BiasAdd':
        y = raw.BiasAdd(value=y, bias=args[0])
    elif extra == 'FusedBatchNorm':
        scale, offset, mean, variance = args[:4]
        eps = a.get('epsilon', 0.0001)
        if formula:
            y = (y - mean) * (tf.math.rsqrt(variance + eps) * scale) + offset
        else:
            y = raw.FusedBatchNormV3(x=y, scale=scale, offset=offset, mean=mean, variance=variance, epsilon=eps,
                                     is_training=False)[0]
    if activation == 'Relu':
        y = raw.Relu(features=y)
    elif activation == 'Relu6':
        y = raw.Relu6(features=y)
    elif activation == 'Elu':
        y = raw.Elu(features=y)
    elif activation == 'LeakyRelu':
        y = raw.LeakyRelu(features=y, alpha=a.get('leakyrelu_alpha', 0.2))
    elif activation == 'Sigmoid':
        y = raw.Sigmoid(x=y)
    elif activation == 'Prelu':
        y = prelu(y, args[-1])
    return y


def fused_conv(i, a, tape=False):
    """Conv2D (with the dilated filter for the tape), then the fused tail."""
    dilations = a.get('dilations', NO_STRIDES)
    filt = dilate(i['filter'], dilations[1], dilations[2]) if tape else i['filter']
    y = raw.Conv2D(input=i['input'], filter=filt, strides=a.get('strides', NO_STRIDES), padding=a['padding'],
                   dilations=NO_STRIDES if tape else dilations)
    return {'output': fused_tail(y, i['args'], a, formula=tape)}


def fused_depthwise(i, a):
    return {'output': fused_tail(depthwise(i, a)['output'], i['args'], a)}


def fused_matmul(i, a):
    y = raw.MatMul(a=i['a'], b=i['b'], transpose_a=a.get('transpose_a', False), transpose_b=a.get('transpose_b', False))
    return {'product': fused_tail(y, i['args'], a)}


def tail_args(rng, fused_ops, channels, alpha_shape=None):
    """The args a fused_ops combination takes for this many output channels."""
    extra, *activation = fused_ops.split(',')
    args = []
    if extra == 'BiasAdd':
        args.append(uniform(rng, [channels], -1, 1))
    elif extra == 'FusedBatchNorm':
        args += [uniform(rng, [channels], 0.5, 2), uniform(rng, [channels], -1, 1), uniform(rng, [channels], -1, 1),
                 uniform(rng, [channels], 0.2, 2)]
    if activation == ['Prelu']:
        args.append(uniform(rng, alpha_shape or [channels], 0, 1))
    return args


def fused_conv_cases(name, combinations, depthwise_filter):
    rng = rng_for(name)
    x = lambda *s: uniform(rng, list(s), -2, 2)
    cases = []
    for k, fused_ops in enumerate(combinations):
        n, h, w, c, m = 1 + k % 2, 4 + k % 3, 5, 2, 1 + k % 3
        out = c * m if depthwise_filter else m
        padding = ('SAME', 'VALID')[k % 2]
        strides = nhwc(1 + k % 2, 1 + k % 2)
        args = tail_args(rng, fused_ops, out)
        cases.append(Case(f'{fused_ops}, {padding}, strides {strides[1:3]}',
                          {'input': x(n, h, w, c), 'filter': x(3, 2, c, m), 'args': args},
                          {'fused_ops': fused_ops, 'num_args': len(args), 'padding': padding, 'strides': strides}))
    first = combinations[0]
    out = lambda c, m: c * m if depthwise_filter else m
    cases += [
        Case('dilations 2', {'input': x(1, 6, 6, 2), 'filter': x(2, 2, 2, 2), 'args': tail_args(rng, first, out(2, 2))},
             {'fused_ops': first, 'num_args': 1, 'padding': 'SAME', 'dilations': nhwc(2, 2)}),
        Case('Prelu with slopes of shape [1, 1, channels]',
             {'input': x(1, 4, 4, 2), 'filter': x(2, 2, 2, 1),
              'args': tail_args(rng, 'BiasAdd,Prelu', out(2, 1), [1, 1, out(2, 1)])},
             {'fused_ops': 'BiasAdd,Prelu', 'num_args': 2, 'padding': 'VALID'}),
        # TensorFlow's gradient kernels return uninitialized memory for an empty output: none recorded.
        Case('empty batch', {'input': x(0, 3, 3, 2), 'filter': x(2, 2, 2, 1), 'args': tail_args(rng, first, out(2, 1))},
             {'fused_ops': first, 'num_args': 1, 'padding': 'VALID'}, gradient=False),
        Case('num_args does not fit fused_ops', {'input': x(1, 3, 3, 2), 'filter': x(2, 2, 2, 1),
                                                  'args': tail_args(rng, first, out(2, 1))},
             {'fused_ops': 'BiasAdd,Prelu', 'num_args': 1, 'padding': 'VALID'}),
        Case('fewer args than num_args', {'input': x(1, 3, 3, 2), 'filter': x(2, 2, 2, 1),
                                          'args': tail_args(rng, first, out(2, 1))},
             {'fused_ops': 'BiasAdd,Prelu', 'num_args': 2, 'padding': 'VALID'}),
        Case('a bias of the wrong length', {'input': x(1, 3, 3, 2), 'filter': x(2, 2, 2, 1),
                                            'args': tail_args(rng, first, out(2, 1) + 1)},
             {'fused_ops': first, 'num_args': 1, 'padding': 'VALID'}),
        Case('channels differ', {'input': x(1, 3, 3, 3), 'filter': x(2, 2, 2, 1),
                                 'args': tail_args(rng, first, out(2, 1))},
             {'fused_ops': first, 'num_args': 1, 'padding': 'VALID'}),
    ]
    return cases


def fused_matmul_cases():
    rng = rng_for('_FusedMatMul')
    m = lambda *s: uniform(rng, list(s), -2, 2)
    combinations = ['BiasAdd'] + [f'BiasAdd,{a}' for a in ('Relu', 'Relu6', 'Elu', 'LeakyRelu', 'Sigmoid', 'Prelu')]
    cases = []
    for k, fused_ops in enumerate(combinations):
        args = tail_args(rng, fused_ops, 4)
        cases.append(Case(fused_ops, {'a': m(3, 5), 'b': m(5, 4), 'args': args},
                          {'fused_ops': fused_ops, 'num_args': len(args)}))
    cases += [
        Case('transpose_a and transpose_b', {'a': m(5, 3), 'b': m(4, 5), 'args': tail_args(rng, 'BiasAdd,Relu', 4)},
             {'fused_ops': 'BiasAdd,Relu', 'num_args': 1, 'transpose_a': True, 'transpose_b': True}),
        Case('leakyrelu_alpha 0.5', {'a': m(2, 3), 'b': m(3, 3), 'args': tail_args(rng, 'BiasAdd,LeakyRelu', 3)},
             {'fused_ops': 'BiasAdd,LeakyRelu', 'num_args': 1, 'leakyrelu_alpha': 0.5}),
        Case('empty inner dimension: the bias alone',
             {'a': m(2, 0), 'b': m(0, 3), 'args': tail_args(rng, 'BiasAdd', 3)},
             {'fused_ops': 'BiasAdd', 'num_args': 1}),
        Case('num_args does not fit fused_ops', {'a': m(2, 3), 'b': m(3, 3), 'args': tail_args(rng, 'BiasAdd', 3)},
             {'fused_ops': 'BiasAdd', 'num_args': 2}),
        Case('a bias of the wrong length', {'a': m(2, 3), 'b': m(3, 3), 'args': tail_args(rng, 'BiasAdd', 2)},
             {'fused_ops': 'BiasAdd', 'num_args': 1}),
        Case('inner dimensions differ', {'a': m(2, 3), 'b': m(2, 3), 'args': tail_args(rng, 'BiasAdd', 3)},
             {'fused_ops': 'BiasAdd', 'num_args': 1}),
    ]
    return cases


ACTIVATIONS = ('Relu', 'Relu6', 'Elu', 'LeakyRelu', 'Sigmoid', 'Prelu')
CONV_FUSED_OPS = [extra + a for extra in ('BiasAdd', 'FusedBatchNorm') for a in ['', *(f',{a}' for a in ACTIVATIONS)]]
DEPTHWISE_FUSED_OPS = (['BiasAdd'] + [f'BiasAdd,{a}' for a in ('Relu', 'Relu6', 'Elu', 'Prelu')]
                       + [f'NoOp,{a}' for a in ('Relu', 'Relu6', 'Elu')])

SPECS = [
    OpSpec('DepthwiseConv2dNative', depthwise, depthwise_cases()),
    OpSpec('Conv2DBackpropInput', backprop_input, backprop_input_cases()),
    OpSpec('Prelu', lambda i, a: {'activations': prelu(i['x'], i['alpha'])}, prelu_cases()),
    OpSpec('ResizeBilinear', resize(raw.ResizeBilinear), resize_cases('ResizeBilinear')),
    OpSpec('ResizeNearestNeighbor', resize(raw.ResizeNearestNeighbor), resize_cases('ResizeNearestNeighbor')),
    OpSpec('FusedBatchNorm', batch_norm(raw.FusedBatchNorm, BATCH_NORM_OUTPUTS), batch_norm_cases('FusedBatchNorm'),
           gradient_run=channels_last(batch_norm(raw.FusedBatchNorm, BATCH_NORM_OUTPUTS))),
    OpSpec('FusedBatchNormV3', batch_norm(raw.FusedBatchNormV3, BATCH_NORM_OUTPUTS + ['reserve_space_3']),
           batch_norm_cases('FusedBatchNormV3'),
           gradient_run=channels_last(batch_norm(raw.FusedBatchNormV3, BATCH_NORM_OUTPUTS + ['reserve_space_3']))),
    # Conv2D's CPU kernel has no gradient for dilations, and FusedBatchNorm passes mean and variance
    # none: the tape sees the dilated filter and batch norm written out.
    OpSpec('_FusedConv2D', fused_conv, fused_conv_cases('_FusedConv2D', CONV_FUSED_OPS, False),
           gradient_run=lambda i, a: fused_conv(i, a, tape=True)),
    OpSpec('FusedDepthwiseConv2dNative', fused_depthwise,
           fused_conv_cases('FusedDepthwiseConv2dNative', DEPTHWISE_FUSED_OPS, True)),
    OpSpec('_FusedMatMul', fused_matmul, fused_matmul_cases()),
]
