"""Tensors as JSON: JSON has no NaN, ±Infinity or -0, so values spell them as strings."""
import numpy as np

DTYPES = {np.dtype(np.float32): 'float32', np.dtype(np.int32): 'int32', np.dtype(np.bool_): 'bool'}


def encode_float(v) -> float | str:
    f = np.float32(v)
    if np.isnan(f):
        return 'NaN'
    if np.isinf(f):
        return 'Infinity' if f > 0 else '-Infinity'
    if f == 0:
        return '-0' if np.signbit(f) else 0
    # The shortest text that names this float32, unless reading it as a double and then rounding
    # to float32 (what JavaScript does) would give another value; then the exact double.
    short = float(str(f))
    return short if np.float32(short) == f else float(f)


def encode_tensor(a: np.ndarray) -> dict:
    a = np.asarray(a)
    dtype = DTYPES.get(a.dtype)
    if dtype is None:
        raise TypeError(f'no Tensorloom dtype for {a.dtype}')
    flat = a.reshape(-1)
    if dtype == 'float32':
        values = [encode_float(v) for v in flat]
    elif dtype == 'int32':
        values = [int(v) for v in flat]
    else:
        values = [bool(v) for v in flat]
    return {'dtype': dtype, 'shape': list(a.shape), 'values': values}
