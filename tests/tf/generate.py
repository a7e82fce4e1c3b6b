"""Writes tests/tf/fixtures/<Op>.json: what TensorFlow computes for every case of every op.

Run with a Python that has TensorFlow (see README.md): npm run tf-fixtures [-- OpName ...]
"""
import json
import os
import pathlib
import sys

# TensorFlow's own (Eigen) kernels, the same on every machine, rather than oneDNN's where it has them.
os.environ.setdefault('TF_ENABLE_ONEDNN_OPTS', '0')
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

try:
    import tensorflow as tf
except ImportError:
    sys.exit('tf-fixtures needs TensorFlow: python3 -m venv .venv-tf && .venv-tf/bin/pip install tensorflow-cpu==2.21.0,\n'
             'then TF_PYTHON=.venv-tf/bin/python npm run tf-fixtures')

from tfcases import (decode, ops_compare, ops_dynamic, ops_gather, ops_math, ops_nn, ops_nn2, ops_other, ops_reduce,
                     ops_shape)
from tfcases.core import rng_for, run_case

SPECS = (ops_other.SPECS + ops_math.SPECS + ops_compare.SPECS + ops_nn.SPECS + ops_reduce.SPECS + ops_shape.SPECS
         + ops_gather.SPECS + ops_nn2.SPECS + ops_dynamic.SPECS + decode.SPECS)
OUT = pathlib.Path(__file__).parent / 'fixtures'


def with_tolerance(record: dict, case) -> dict:
    """A case where Tensorloom may differ from TensorFlow says by how much (decode.FileCase)."""
    tolerance = getattr(case, 'tolerance', None)
    return {**record, 'tolerance': tolerance} if tolerance else record


def main(names):
    unknown = set(names) - {s.name for s in SPECS}
    if unknown:
        sys.exit(f'no cases for {", ".join(sorted(unknown))}')
    OUT.mkdir(exist_ok=True)
    tf.random.set_seed(0)
    total = 0
    for spec in SPECS:
        if names and spec.name not in names:
            continue
        rng = rng_for(spec.name + ' weights')
        cases = [with_tolerance(run_case(spec, case, rng), case) for case in spec.cases]
        head = json.dumps({'op': spec.name, 'tensorflow': tf.__version__, 'compare': spec.compare})[:-1]
        # One case a line: compact, and a regenerated fixture's diff shows which cases changed.
        lines = ',\n'.join(json.dumps(c, separators=(',', ':')) for c in cases)
        (OUT / f'{spec.name}.json').write_text(f'{head}, "cases": [\n{lines}\n]}}\n')
        total += len(cases)
        errors = sum('error' in c for c in cases)
        print(f'{spec.name}: {len(cases)} cases ({errors} raise in TensorFlow)')
    print(f'{total} cases')


if __name__ == '__main__':
    main(sys.argv[1:])
