"""Cases, op specs, and running a case through TensorFlow: outputs, errors and gradients."""
import re
import zlib
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import tensorflow as tf

from .encode import encode_tensor

Inputs = dict  # port -> np.ndarray, or a list of them for a variadic port


@dataclass
class Case:
    title: str
    inputs: Inputs
    attrs: dict = field(default_factory=dict)
    # Also record the gradient of a weighted sum of the outputs (differentiable ops, float inputs).
    gradient: bool = True


@dataclass
class OpSpec:
    """One Tensorloom op: how TensorFlow computes it (from Tensorloom's ports and attrs) and its cases."""
    name: str
    run: Callable[[dict, dict], dict]
    cases: list
    differentiable: bool = True
    # 'values': outputs must agree; 'distribution': a random op, compared by shape, range and moments.
    compare: str = 'values'
    # The same function for the gradient tape, where TensorFlow's CPU kernel has no gradient for some
    # attributes (dilated Conv2D) or its gradient function mishandles them (negative Transpose perm).
    gradient_run: Callable[[dict, dict], dict] | None = None


def rng_for(name: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(name.encode()))


_FUNCTION_NODE = re.compile(r'\{\{function_node [^}]*\}\}\s*')
_OP_SUFFIX = re.compile(r'\s*\[Op:[^\]]*\].*$', re.S)


def clean_error(e: Exception) -> str:
    text = str(e).split('\n')[0]
    return _OP_SUFFIX.sub('', _FUNCTION_NODE.sub('', text)).strip()


def _to_tf(inputs: Inputs) -> dict:
    return {k: [tf.constant(a) for a in v] if isinstance(v, list) else tf.constant(v) for k, v in inputs.items()}


def _flat(inputs: dict):
    """(port, index or None, tensor) for every input tensor."""
    for port, v in inputs.items():
        if isinstance(v, list):
            for i, t in enumerate(v):
                yield port, i, t
        else:
            yield port, None, v


ERRORS = (tf.errors.OpError, ValueError, TypeError)


def run_case(spec: OpSpec, case: Case, rng: np.random.Generator) -> dict:
    attrs = {k: encode_tensor(v) if isinstance(v, np.ndarray) else v for k, v in case.attrs.items()}
    record = {'title': case.title, 'inputs': {}, 'attrs': attrs}
    for port, v in case.inputs.items():
        record['inputs'][port] = [encode_tensor(a) for a in v] if isinstance(v, list) else encode_tensor(v)
    inputs = _to_tf(case.inputs)
    try:
        outputs = spec.run(inputs, case.attrs)
        outputs = {k: np.asarray(t.numpy() if hasattr(t, 'numpy') else t) for k, t in outputs.items()}
    except ERRORS as e:
        record['error'] = clean_error(e)
        return record
    if spec.compare == 'distribution':
        record['distribution'] = {k: distribution(v) for k, v in outputs.items()}
        return record
    record['outputs'] = {k: encode_tensor(v) for k, v in outputs.items()}

    watched = [(port, i, t) for port, i, t in _flat(inputs) if t.dtype == tf.float32]
    float_outputs = [k for k, v in outputs.items() if v.dtype == np.float32]
    if not (spec.differentiable and case.gradient and watched and float_outputs):
        return record
    weights = {k: gradient_weights(rng, outputs[k].shape) for k in float_outputs}
    run = spec.gradient_run or spec.run
    try:
        with tf.GradientTape() as tape:
            for _, _, t in watched:
                tape.watch(t)
            outs = run(inputs, case.attrs)
            loss = tf.add_n([tf.reduce_sum(outs[k] * weights[k]) for k in float_outputs])
        if spec.gradient_run:
            for k in float_outputs:
                np.testing.assert_allclose(outs[k].numpy(), outputs[k], rtol=1e-5, atol=1e-6)
        grads = tape.gradient(loss, [t for _, _, t in watched])
    except ERRORS as e:
        record['gradient'] = {'weights': {k: encode_tensor(w) for k, w in weights.items()}, 'error': clean_error(e)}
        return record
    by_port: dict = {}
    for (port, i, _), g in zip(watched, grads):
        value = None if g is None else encode_tensor(tf.convert_to_tensor(g).numpy())
        if i is None:
            by_port[port] = value
        else:
            by_port.setdefault(port, [None] * len(inputs[port]))[i] = value
    record['gradient'] = {'weights': {k: encode_tensor(w) for k, w in weights.items()}, 'inputs': by_port}
    return record


def gradient_weights(rng, shape) -> np.ndarray:
    """Weights in [-1, 1] with two decimals, never zero (a zero weight would hide that element's gradient)."""
    w = np.round(rng.uniform(-1, 1, shape), 2)
    return np.where(w == 0, 0.5, w).astype(np.float32)


def distribution(a: np.ndarray) -> dict:
    """What a random op's sample must match: shape, dtype, range and moments (not TF's exact stream)."""
    flat = a.reshape(-1).astype(np.float64)
    return {
        'dtype': encode_tensor(a[:0].reshape(-1))['dtype'],
        'shape': list(a.shape),
        'min': float(flat.min()) if flat.size else None,
        'max': float(flat.max()) if flat.size else None,
        'mean': float(flat.mean()) if flat.size else None,
        'std': float(flat.std()) if flat.size else None,
    }
