import { describe, expect, it } from 'vitest';
import type { GradientReport, RunReport } from '../../src/runtime/reports';
import { summarizeValues } from '../../src/runtime/summary';
import {
  gradientMagnitudes,
  heatColour,
  heatLevel,
  heatScale,
  nodeHeats,
  nodeTimes,
  summaryNorm,
} from '../../src/ui/canvas/overlay/node-heat';

const summary = (values: number[]) => summarizeValues('float32', [values.length], values);

describe('summaryNorm', () => {
  it("is the Euclidean norm of the finite values, from the summary's mean and deviation", () => {
    expect(summaryNorm(summary([3, 4]))).toBeCloseTo(5, 12);
    expect(summaryNorm(summary([-2, NaN, 0, 1, 2]))).toBeCloseTo(3, 12);
    expect(summaryNorm(summary([NaN]))).toBeNull();
  });
});

describe('gradientMagnitudes', () => {
  it("takes each node's largest output gradient norm, leaving out nodes no gradient reaches", () => {
    const gradients: GradientReport = {
      ok: true,
      target: { node: 'loss', port: 'y' },
      diagnostics: [],
      error: null,
      variables: [],
      nodes: {
        a: { y: { summary: summary([3, 4]) } },
        b: { first: { summary: summary([1]) }, second: { summary: summary([0, 0, -2]) } },
        c: { y: { none: 'the target does not depend on it' } },
      },
    };
    const magnitudes = gradientMagnitudes(gradients);
    expect([...magnitudes.keys()]).toEqual(['a', 'b']);
    expect(magnitudes.get('a')).toBeCloseTo(5, 12);
    expect(magnitudes.get('b')).toBeCloseTo(2, 12);
    expect(gradientMagnitudes(null).size).toBe(0);
  });
});

describe('nodeTimes', () => {
  it('keeps the nodes the run timed, not those it reused or did not run', () => {
    const node = (nodeId: string, ms: number | null, reused = false) =>
      ({ nodeId, op: 'Sin', status: 'ok', ms, outputs: {}, ...(reused && { reused }) }) as const;
    const report = { nodes: [node('a', 2.5), node('b', null), node('c', 1, true)] } as unknown as RunReport;
    expect([...nodeTimes(report)]).toEqual([['a', 2.5]]);
  });
});

describe('heat scale', () => {
  it('puts gradient magnitudes on a log scale from the smallest non-zero one', () => {
    const scale = heatScale([0.001, 0.1, 10, 0], true)!;
    expect(scale).toEqual({ min: 0.001, max: 10, log: true });
    expect(heatLevel(scale, 0.1)).toBeCloseTo(0.5, 12);
    expect(heatLevel(scale, 10)).toBe(1);
    expect(heatLevel(scale, 0.001)).toBe(0);
    expect(heatLevel(scale, 0)).toBe(0);
  });

  it('puts times on a linear scale from zero, and everything at the top of a scale with no width', () => {
    const scale = heatScale([2, 8], false)!;
    expect(scale).toEqual({ min: 0, max: 8, log: false });
    expect(heatLevel(scale, 2)).toBe(0.25);
    expect(heatLevel(heatScale([3, 3], true)!, 3)).toBe(1);
    expect(heatScale([0, NaN], true)).toBeNull();
  });

  it("mixes the mode's theme colour into the node's, up to 60 %", () => {
    expect(heatColour('gradient', 0.5)).toBe('color-mix(in srgb, var(--accent) 30%, var(--node))');
    expect(heatColour('time', 1)).toBe('color-mix(in srgb, var(--warn) 60%, var(--node))');
  });

  it('gives each node its level and its measure as text', () => {
    const { heats } = nodeHeats(
      'time',
      new Map([
        ['a', 4],
        ['b', 1],
      ]),
    );
    expect(heats.get('a')).toEqual({ mode: 'time', t: 1, text: '4 ms' });
    expect(heats.get('b')).toEqual({ mode: 'time', t: 0.25, text: '1 ms' });
  });
});
