import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../src/graph/validate';
import { nodeBoxes, type NodeBox } from '../../src/layout/node-box';
import { registry } from '../../src/ops/registry';
import { GraphBuilder } from '../support/graph-builder';
import { resnetLike } from '../support/layered-graphs';

describe('nodeBoxes', () => {
  it('estimates the size and port heights Chromium drew for these nodes (after a run, value pictures shown)', () => {
    const graph = resnetLike(13);
    const boxes = nodeBoxes(graph, validateGraph(graph, registry));
    // Measured in the built editor: width × height, then input and output handle centres.
    const drawn: Record<string, [number, number, number[], number[]]> = {
      b1_filter: [203, 89, [], [38.7]],
      b1_bias: [150, 89, [], [38.7]],
      b1_conv: [234, 107, [38.7, 56.7], [38.7]],
      b0_biasadd: [236, 107, [38.7, 56.7], [38.7]],
      // Its output type wraps onto a second line, which makes its row taller.
      b0_relu: [260, 102, [45.2], [45.2]],
    };
    for (const [id, [width, height, inputs, outputs]] of Object.entries(drawn)) {
      const box = boxes.get(id)!;
      // Wider is a gap at worst (and room for a status wider than "ok"); narrower crowds the next layer.
      expect(box.width, id).toBeGreaterThanOrEqual(width - 4);
      expect(box.width, id).toBeLessThanOrEqual(width + 30);
      expect(box.height, id).toBeCloseTo(height, 0);
      expect(
        box.inputs.map((p) => p.y),
        id,
      ).toEqual(inputs.map((y) => expect.closeTo(y, 0)));
      expect(
        box.outputs.map((p) => p.y),
        id,
      ).toEqual(outputs.map((y) => expect.closeTo(y, 0)));
    }
  });

  it('lists ports as the canvas draws them: in op order, a variadic input with a free slot', () => {
    const graph = new GraphBuilder()
      .input('a', [1])
      .input('b', [2])
      .node('sum', 'AddN', {}, { 'inputs:0': 'a', 'inputs:1': 'b' })
      .node('mystery', 'NoSuchOp')
      .build();
    const boxes = nodeBoxes(graph, validateGraph(graph, registry));
    expect(boxes.get('sum')!.inputs.map((p) => p.id)).toEqual(['inputs:0', 'inputs:1', 'inputs:2']);
    expect(boxes.get('sum')!.outputs.map((p) => p.id)).toEqual(['sum']);
    // An op the registry lacks has no handles on the canvas, only its error.
    expect(boxes.get('mystery')).toMatchObject({ inputs: [], outputs: [] });
  });

  it('takes the measured box, grown to the estimate where that is larger', () => {
    const graph = new GraphBuilder().input('a', [1]).input('b', [2]).build();
    const validation = validateGraph(graph, registry);
    const estimate = nodeBoxes(graph, validation).get('b')!;
    const port = [{ id: 'output', y: 40 }];
    const wide: NodeBox = { width: 321, height: 123, inputs: [], outputs: port };
    // Drawn before its first run: no value preview yet, so shorter than it will be.
    const short: NodeBox = { width: 321, height: 50, inputs: [], outputs: port };
    const boxes = nodeBoxes(
      graph,
      validation,
      new Map([
        ['a', wide],
        ['b', short],
      ]),
    );
    expect(boxes.get('a')).toEqual(wide);
    expect(boxes.get('b')).toEqual({ ...short, height: estimate.height });
  });
});
