import { describe, expect, it } from 'vitest';
import { OPS } from '../../src/ops/registry';
import { validateGraph } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';
import { GraphBuilder } from '../support/graph-builder';
import { sessions } from '../support/session';

/**
 * Attributes TensorFlow takes as input tensors (Reshape's `shape`, Sum's `reduction_indices`) come
 * through those inputs when connected: known to validation from a Const, otherwise read when running.
 */
const newSession = sessions();

const x6 = [1, 2, 3, 4, 5, 6];

describe('attributes supplied by inputs', () => {
  it('every input that supplies an attribute names one that names it back', () => {
    for (const op of OPS) {
      for (const [port, spec] of Object.entries(op.inputs))
        if (spec.attr) expect(op.attrs[spec.attr]?.port, `${op.name}.${port}`).toBe(port);
      for (const [name, spec] of Object.entries(op.attrs))
        if (spec.port) expect(op.inputs[spec.port]?.attr, `${op.name}.${name}`).toBe(name);
    }
  });

  it('a Const supplies the value to validation, which infers from it', () => {
    const g = new GraphBuilder()
      .input('x', x6, [2, 3])
      .constant('s', [3, 2], [2], 'int32')
      .node('r', 'Reshape', {}, { tensor: 'x', shape: 's' })
      .build();
    const v = validateGraph(g, registry);
    expect(v.diagnostics).toEqual([]);
    expect(v.nodes.get('r')!.types).toEqual({ output: { dtype: 'float32', shape: [3, 2] } });
  });

  it('a value known only when running leaves the sizes open, and the run reads it', async () => {
    const g = new GraphBuilder()
      .input('x', x6, [2, 3])
      .input('s', [3, 2], [2], 'int32')
      .node('r', 'Reshape', {}, { tensor: 'x', shape: 's' })
      .node('total', 'Sum', { keep_dims: true }, { input: 'r', reduction_indices: 's1' })
      .input('s1', [1], [1], 'int32')
      .build();
    expect(validateGraph(g, registry).nodes.get('r')!.types).toEqual({
      output: { dtype: 'float32', shape: [null, null] },
    });
    const s = newSession();
    for (const mode of ['eager', 'graph'] as const) {
      const report = await s.run(g, { mode, outputs: ['r', 'total'] });
      expect(report.error).toBeNull();
      const byNode = Object.fromEntries(report.outputs.map((o) => [o.node, o.summary]));
      expect(byNode['r']).toMatchObject({ shape: [3, 2], values: x6 });
      // [[1, 2], [3, 4], [5, 6]] summed along axis 1, kept.
      expect(byNode['total']).toMatchObject({ shape: [3, 1], values: [3, 7, 11] });
    }
  });

  it('a Const the attribute cannot take is reported on the node and its input', () => {
    const g = new GraphBuilder()
      .input('x', x6, [2, 3])
      .constant('s', [3, 2, 1, 1], [2, 2], 'int32')
      .node('r', 'Reshape', {}, { tensor: 'x', shape: 's' })
      .build();
    expect(validateGraph(g, registry).diagnostics).toEqual([
      expect.objectContaining({ kind: 'invalid-attr', nodeId: 'r', port: 'shape', attr: 'shape' }),
    ]);
  });

  it('a value read when running is checked as validation would have, as an error on the node', async () => {
    const g = new GraphBuilder()
      .input('x', x6, [2, 3])
      .input('s', [4, 4], [2], 'int32')
      .node('r', 'Reshape', {}, { tensor: 'x', shape: 's' })
      .build();
    const report = await newSession().run(g, { mode: 'eager' });
    expect(report.error).toEqual({ nodeId: 'r', message: expect.stringContaining('cannot reshape [2, 3]') });
  });

  it('gradients flow through an op whose attribute an input supplies', async () => {
    const g = new GraphBuilder()
      .input('x', x6, [2, 3])
      .input('s', [3, 2], [2], 'int32')
      .node('r', 'Reshape', {}, { tensor: 'x', shape: 's' })
      .node('sq', 'Square', {}, { x: 'r' })
      .node('loss', 'Sum', {}, { input: 'sq' })
      .build();
    const report = await newSession().computeGradients(g, 'loss');
    const dx = report.nodes['x']!['output']!;
    expect('summary' in dx && dx.summary.values).toEqual(x6.map((v) => 2 * v));
  });
});
