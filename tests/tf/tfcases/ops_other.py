"""Sources (Placeholder, Const, VariableV2, FileBytes), random ops, and script nodes."""
import base64

import numpy as np
import tensorflow as tf

from .core import Case, OpSpec, rng_for
from .gen import F32, FLOAT_EDGES, I32, INT_EDGES, uniform

raw = tf.raw_ops


def literal_cases(name):
    rng = rng_for(name)
    return [
        Case('float32 [2, 3]', {}, {'value': uniform(rng, [2, 3])}),
        Case('edge values', {}, {'value': FLOAT_EDGES}),
        Case('int32 extremes', {}, {'value': INT_EDGES}),
        Case('bool', {}, {'value': np.array([[True, False]])}),
        Case('scalar', {}, {'value': np.array(-0.0, F32)}),
    ]


def literal(name):
    return OpSpec(name, lambda i, a: {'ref' if name == 'VariableV2' else 'output': raw.Identity(input=a['value'])},
                  literal_cases(name))


FILE = bytes([0, 1, 127, 128, 200, 255]) + 'Tensorloom ✓'.encode()


def file_bytes_cases():
    url = lambda mime, data: f'data:{mime};base64,{base64.b64encode(data).decode()}'
    return [
        Case('a binary file', {}, {'file': url('application/octet-stream', FILE)}),
        Case('a text file', {}, {'file': url('text/plain', b'a,b\n1,2\n')}),
        Case('no file', {}, {'file': ''}),
    ]


def file_bytes(i, a):
    data = a['file']
    raw_bytes = base64.b64decode(data[data.index(',') + 1:]) if data else b''
    return {'bytes': tf.cast(tf.io.decode_raw(tf.constant(raw_bytes), tf.uint8), tf.int32) if raw_bytes
            else tf.zeros([0], tf.int32)}


def random_cases():
    return [
        Case('[4000]', {}, {'shape': [4000], 'seed': 7, 'seed2': 3}),
        Case('[50, 80]', {}, {'shape': [50, 80], 'seed': 1}),
        Case('empty', {}, {'shape': [0, 3], 'seed': 1}),
    ]


def random_op(fn):
    return lambda i, a: {'output': fn(shape=tf.constant(a['shape'], tf.int32), dtype=tf.float32,
                                      seed=a.get('seed', 0), seed2=a.get('seed2', 0))}


def ports(*names, shape=None):
    return [{'name': n, 'dtype': 'float32', **({'shape': shape} if shape is not None else {})} for n in names]


def tensor_script_cases():
    rng = rng_for('TensorScript')
    return [
        Case('tf.py_function: sin(x) · 2', {'x': uniform(rng, [2, 3])},
             {'inputs': ports('x'), 'outputs': ports('y'), 'body': 'return tf.mul(tf.sin(x), 2);'}),
        Case('two inputs, two outputs', {'a': uniform(rng, [3]), 'b': uniform(rng, [3])},
             {'inputs': ports('a', 'b'), 'outputs': ports('sum', 'product'),
              'body': 'return { sum: tf.add(a, b), product: tf.mul(a, b) };'}),
        Case('a body that throws', {'x': uniform(rng, [2])},
             {'inputs': ports('x'), 'outputs': ports('y'), 'body': "throw new Error('no such file');"}),
    ]


def tensor_script(i, a):
    body = a['body']
    if 'throw' in body:
        return {'y': tf.py_function(lambda x: (_ for _ in ()).throw(ValueError('no such file')), [i['x']], tf.float32)}
    if 'sum' in body:
        s, p = tf.py_function(lambda x, y: (x + y, x * y), [i['a'], i['b']], [tf.float32, tf.float32])
        return {'sum': s, 'product': p}
    return {'y': tf.py_function(lambda x: tf.sin(x) * 2, [i['x']], tf.float32)}


def array_script_cases():
    rng = rng_for('ArrayScript')
    return [
        Case('tf.numpy_function: log(x) (no gradient)', {'x': uniform(rng, [4], 0.5, 4)},
             {'inputs': ports('x'), 'outputs': ports('y'), 'body': 'return x.map(Math.log);'}),
        Case('a body that throws', {'x': uniform(rng, [2])},
             {'inputs': ports('x'), 'outputs': ports('y'), 'body': "throw new Error('bad input');"}),
    ]


def array_script(i, a):
    if 'throw' in a['body']:
        fn = lambda x: (_ for _ in ()).throw(ValueError('bad input'))
    else:
        fn = lambda x: np.log(x).astype(np.float32)
    return {'y': tf.numpy_function(fn, [i['x']], tf.float32)}


SPECS = [
    literal('Placeholder'),
    literal('Const'),
    literal('VariableV2'),
    OpSpec('FileBytes', file_bytes, file_bytes_cases(), differentiable=False),
    OpSpec('RandomUniform', random_op(raw.RandomUniform), random_cases(), differentiable=False,
           compare='distribution'),
    OpSpec('RandomStandardNormal', random_op(raw.RandomStandardNormal), random_cases(), differentiable=False,
           compare='distribution'),
    OpSpec('TensorScript', tensor_script, tensor_script_cases()),
    OpSpec('ArrayScript', array_script, array_script_cases()),
]
