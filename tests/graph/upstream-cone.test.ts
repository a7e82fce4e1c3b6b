import { describe, expect, it } from 'vitest';
import { upstreamCone } from '../../src/graph/upstream-cone';
import { validateGraph } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';
import { GraphBuilder } from '../support/graph-builder';

const graph = new GraphBuilder()
  .input('x', [1, 2])
  .input('unused', [3])
  .node('s', 'Sin', {}, { x: 'x' })
  .node('c', 'Cos', {}, { x: 'x' })
  .node('m', 'Mul', {}, { x: 's', y: 'c' })
  .node('n', 'Neg', {}, { x: 'c' })
  .build();

function coneOf(ids: string[]): string[] {
  const { index } = validateGraph(graph, registry);
  const { inCone, size } = upstreamCone(
    index,
    ids.map((id) => index.positionOf.get(id)!),
  );
  const found = index.resolved.filter((_, p) => inCone[p] === 1).map((n) => n!.node.id);
  expect(found).toHaveLength(size);
  return found.sort();
}

describe('upstreamCone', () => {
  it('finds a node with everything it is computed from, once each', () => {
    expect(coneOf(['m'])).toEqual(['c', 'm', 's', 'x']);
    expect(coneOf(['n'])).toEqual(['c', 'n', 'x']);
    expect(coneOf(['x'])).toEqual(['x']);
  });

  it('joins the cones of several nodes', () => {
    expect(coneOf(['n', 's', 'unused'])).toEqual(['c', 'n', 's', 'unused', 'x']);
  });
});
