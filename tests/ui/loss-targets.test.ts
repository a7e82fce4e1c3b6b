import { describe, expect, it } from 'vitest';
import type { Graph, PortDecl } from '../../src/graph/types';
import { parseGraphFile, serializeGraph } from '../../src/io/graph-file';
import { lossTargetProblem, lossTargetRef, lossTargets } from '../../src/store/loss-targets';

/** x = [1, 2, 3] into a tensor script (named "my loss") that declares `outputs`. */
function withOutputs(outputs: PortDecl[]): Graph {
  return {
    nodes: [
      { id: 'x', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [3], values: [1, 2, 3] } } },
      {
        id: 'script',
        op: 'TensorScript',
        name: 'my loss',
        attrs: { inputs: [{ name: 'x', dtype: 'float32' }], outputs, body: 'return tf.sum(tf.square(x));' },
      },
    ],
    edges: [{ id: 'e', source: 'x', sourcePort: 'output', target: 'script', targetPort: 'x' }],
  };
}

/** The script with one output, `loss`, declared with `shape` (absent: any shape). */
const scriptLoss = (shape?: number[]) => withOutputs([{ name: 'loss', dtype: 'float32', ...(shape && { shape }) }]);

describe('loss targets', () => {
  it("offers a script's output declared with shape [] as a loss target, and not one of any shape", () => {
    expect(lossTargets(scriptLoss([])).map((n) => n.id)).toEqual(['script']);
    expect(lossTargets(scriptLoss()).map((n) => n.id)).toEqual([]);
    expect(lossTargetProblem(scriptLoss(), 'script')).toBe('has no scalar float32 output');
    expect(lossTargetProblem(scriptLoss([]), 'gone')).toBe('is not in the graph');
    expect(lossTargetProblem(scriptLoss([]), 'script')).toBeNull();
  });

  it('takes the one scalar output of a node with several as its loss, and refuses a node with two', () => {
    const squares: PortDecl = { name: 'squares', dtype: 'float32' };
    const scalar = (name: string): PortDecl => ({ name, dtype: 'float32', shape: [] });
    const oneScalar = withOutputs([squares, scalar('loss')]);
    expect(lossTargets(oneScalar).map((n) => n.id)).toEqual(['script']);
    expect(lossTargetRef(oneScalar, 'script')).toEqual({ node: 'script', port: 'loss' });
    const twoScalars = withOutputs([scalar('a'), scalar('b')]);
    expect(lossTargetRef(twoScalars, 'script')).toBeNull();
    expect(lossTargetProblem(twoScalars, 'script')).toBe('has no scalar float32 output');
  });

  it('keeps the scalar declaration through a graph file', () => {
    const text = serializeGraph(scriptLoss([]), { lossTarget: 'script' });
    expect(JSON.parse(text).nodes[1].attrs.outputs).toEqual([{ name: 'loss', dtype: 'float32', shape: [] }]);
    const read = parseGraphFile(text);
    expect(read.ok && read.graph).toStrictEqual(scriptLoss([]));
    expect(read.ok && read.settings).toEqual({ lossTarget: 'script' });
  });
});
