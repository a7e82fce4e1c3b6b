"""Input values: random ones, edge values, and shapes that broadcast."""
import numpy as np

F32 = np.float32
I32 = np.int32
INF = np.inf
NAN = np.nan

# The usual traps among finite float32 values: signed zeros, halves (rounding), tiny and huge values.
# No pair of them divides into a subnormal, which TensorFlow's CPU kernels may flush to zero.
FINITE_TRAPS = np.array([0.0, -0.0, 1.0, -1.0, 0.5, -1.5, 2.5, 3.0, -7.25, 1e-3, 1e30, -1e30], F32)
NON_FINITE = np.array([INF, -INF, NAN], F32)
FLOAT_EDGES = np.concatenate([FINITE_TRAPS, NON_FINITE])
# For unary ops: the largest float32 as well.
UNARY_TRAPS = np.append(FINITE_TRAPS, F32(3.4028235e38))
# Finite edges for gradients: kinks at 0, ties, and signs.
FINITE_EDGES = np.array([0.0, -0.0, 1.0, -1.0, 0.5, -1.5, 2.5, 3.0], F32)
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1
# The int32 extremes, and values past 2**24 that a float32 cannot hold exactly.
INT_EDGES = np.array([0, 1, -1, 2, -3, 7, 16777217, -16777217, 123456789, -987654321, INT_MAX, INT_MIN], I32)

# Shape pairs that broadcast: equal, column against row, leading ones, scalars, an empty dim.
BROADCAST_PAIRS = [
    ([2, 3], [2, 3]),
    ([4, 1], [3]),
    ([2, 1, 3], [4, 1]),
    ([], [2, 3]),
    ([2, 3], []),
    ([0, 3], [3]),
    ([3, 1, 2], [1, 4, 1]),
]


def uniform(rng, shape, lo=-3.0, hi=3.0) -> np.ndarray:
    return rng.uniform(lo, hi, shape).astype(F32)


def ints(rng, shape, lo=-10, hi=10) -> np.ndarray:
    return rng.integers(lo, hi, shape, endpoint=True).astype(I32)


def bools(rng, shape) -> np.ndarray:
    return rng.random(shape) < 0.5


def values(rng, shape, dtype, lo=None, hi=None) -> np.ndarray:
    if dtype == 'float32':
        return uniform(rng, shape, -3.0 if lo is None else lo, 3.0 if hi is None else hi)
    if dtype == 'int32':
        return ints(rng, shape, -10 if lo is None else int(lo), 10 if hi is None else int(hi))
    return bools(rng, shape)


def random_broadcast_pair(rng) -> tuple:
    """Two shapes of rank 0-4 that broadcast: a common shape with dims set to 1 or leading dims dropped."""
    rank = int(rng.integers(1, 5))
    full = [int(d) for d in rng.integers(1, 5, rank)]

    def thin():
        shape = [1 if rng.random() < 0.35 else d for d in full]
        return shape[int(rng.integers(0, rank + 1)) :]

    return thin(), thin()


def random_shape(rng, max_rank=4, max_dim=4) -> list:
    return [int(d) for d in rng.integers(1, max_dim + 1, int(rng.integers(0, max_rank + 1)))]


def grid(edges: np.ndarray) -> tuple:
    """Every edge value against every other: x as a column, y as a row."""
    return edges.reshape(-1, 1), edges.copy()
