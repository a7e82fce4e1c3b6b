import { describe, expect, it } from 'vitest';
import { fitsSignature, parseSignature, signatureText } from '../../src/graph/signature';
import { validateGraph } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';
import { GraphBuilder, withAttrs } from '../support/graph-builder';

describe('input signatures', () => {
  it('reads shapes with unknown sizes, and nothing else', () => {
    expect(parseSignature('[null, 3]')).toEqual([null, 3]);
    expect(parseSignature(' [ None ,?, 4 ] ')).toEqual([null, null, 4]);
    expect(parseSignature('[]')).toEqual([]);
    expect(parseSignature('')).toBeNull();
    expect(parseSignature('[2, -1]')).toBeNull();
    expect(parseSignature('[2 3]')).toBeNull();
    expect(signatureText([null, 3])).toBe('[null, 3]');
  });

  it('fits values of the same rank whose known sizes agree', () => {
    expect(fitsSignature([5, 3], [null, 3])).toBe(true);
    expect(fitsSignature([2, 4], [null, 3])).toBe(false);
    expect(fitsSignature([3], [null, 3])).toBe(false);
    expect(fitsSignature([], [])).toBe(true);
  });

  it("makes a placeholder's type its signature, which inference carries downstream", () => {
    const g = new GraphBuilder()
      .input('x', [1, 2, 3, 4, 5, 6], [2, 3])
      .constant('w', [1, 2, 3], [3, 1])
      .node('mm', 'MatMul', {}, { a: 'x', b: 'w' })
      .node('rows', 'Sum', { axis: [1] }, { input: 'mm' })
      .node('all', 'Sum', { axis: [0] }, { input: 'rows' })
      .build();
    const v = validateGraph(withAttrs(g, 'x', { signature: '[null, 3]' }), registry);
    expect(v.diagnostics).toEqual([]);
    expect(v.nodes.get('x')!.types).toEqual({ output: { dtype: 'float32', shape: [null, 3] } });
    expect(v.nodes.get('mm')!.types).toEqual({ product: { dtype: 'float32', shape: [null, 1] } });
    expect(v.nodes.get('rows')!.types).toEqual({ output: { dtype: 'float32', shape: [null] } });
    expect(v.nodes.get('all')!.types).toEqual({ output: { dtype: 'float32', shape: [] } });
  });

  it('refuses, on the placeholder, a value that does not fit its signature', () => {
    const g = new GraphBuilder().input('x', [1, 2, 3, 4, 5, 6, 7, 8], [2, 4]).build();
    const v = validateGraph(withAttrs(g, 'x', { signature: '[null, 3]' }), registry);
    expect(v.diagnostics.map((d) => [d.nodeId, d.message])).toEqual([
      ['x', expect.stringContaining('value of shape [2, 4] does not fit the signature [null, 3]')],
    ]);
  });

  it('refuses signature text that is no shape', () => {
    const g = new GraphBuilder().input('x', [1, 2, 3]).build();
    const v = validateGraph(withAttrs(g, 'x', { signature: '[3,' }), registry);
    expect(v.diagnostics.map((d) => d.nodeId)).toEqual(['x']);
    expect(v.diagnostics[0]!.message).toContain('a shape such as [null, 3]');
  });
});
