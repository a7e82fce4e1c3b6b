import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { parseGraphFile, serializeGraph } from '../../src/io/graph-file';
import { lossTargetProblem, lossTargets } from '../../src/store/loss-targets';

/** A tensor script whose one output, `loss`, is declared with `shape` (absent: any shape). */
function scriptLoss(shape?: number[]): Graph {
  return {
    nodes: [
      { id: 'x', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [3], values: [1, 2, 3] } } },
      {
        id: 'script',
        op: 'TensorScript',
        name: 'my loss',
        attrs: {
          inputs: [{ name: 'x', dtype: 'float32' }],
          outputs: [{ name: 'loss', dtype: 'float32', ...(shape && { shape }) }],
          body: 'return tf.sum(tf.square(x));',
        },
      },
    ],
    edges: [{ id: 'e', source: 'x', sourcePort: 'output', target: 'script', targetPort: 'x' }],
  };
}

describe('loss targets', () => {
  it("offers a script's output declared with shape [] as a loss target, and not one of any shape", () => {
    expect(lossTargets(scriptLoss([])).map((n) => n.id)).toEqual(['script']);
    expect(lossTargets(scriptLoss()).map((n) => n.id)).toEqual([]);
    expect(lossTargetProblem(scriptLoss(), 'script')).toBe('has no scalar float32 output');
    expect(lossTargetProblem(scriptLoss([]), 'gone')).toBe('is not in the graph');
    expect(lossTargetProblem(scriptLoss([]), 'script')).toBeNull();
  });

  it('keeps the scalar declaration through a graph file', () => {
    const text = serializeGraph(scriptLoss([]), { lossTarget: 'script' });
    expect(JSON.parse(text).nodes[1].attrs.outputs).toEqual([{ name: 'loss', dtype: 'float32', shape: [] }]);
    const read = parseGraphFile(text);
    expect(read.ok && read.graph).toStrictEqual(scriptLoss([]));
    expect(read.ok && read.settings).toEqual({ lossTarget: 'script' });
  });
});
