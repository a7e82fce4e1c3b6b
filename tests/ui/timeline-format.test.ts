import { describe, expect, it } from 'vitest';
import type { NodeCost } from '../../src/runtime/reports';
import { barName, kernelList, ticks } from '../../src/ui/timeline/timeline-format';

const cost = (over: Partial<NodeCost>): NodeCost => ({
  nodeId: 'n',
  startMs: 0,
  ms: 0.4213,
  kernels: [],
  readbacks: 0,
  uploads: 0,
  scriptCalls: 0,
  ...over,
});

describe('timeline wording', () => {
  it('names a bar by its node, time, kernels and only the host traffic it had', () => {
    expect(barName('MatMul_1', cost({ kernels: [{ name: 'BatchMatMul', ms: 0.3 }], readbacks: 1 }))).toBe(
      'MatMul_1: 0.42 ms, 1 kernel, 1 readback',
    );
    expect(barName('s', cost({ ms: 12.34, readbacks: 2, uploads: 1, scriptCalls: 1 }))).toBe(
      's: 12.3 ms, 0 kernels, 2 readbacks, 1 upload, 1 script call',
    );
  });

  it('lists kernels with their times where measured', () => {
    const kernels = [
      { name: 'BatchMatMul', ms: 0.25 },
      { name: 'Add', ms: null },
    ];
    expect(kernelList(cost({ kernels }))).toBe('BatchMatMul 0.25 ms, Add');
    expect(kernelList(cost({}))).toBe('no kernels');
  });

  it('puts ticks at steps of 1, 2 or 5 times a power of ten', () => {
    expect(ticks(6.7)).toEqual([0, 2, 4, 6]);
    expect(ticks(93.3)).toEqual([0, 20, 40, 60, 80]);
    expect(ticks(0.5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(ticks(0)).toEqual([0]);
  });
});
