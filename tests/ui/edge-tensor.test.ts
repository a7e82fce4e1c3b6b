import { describe, expect, it } from 'vitest';
import {
  edgeStrokeWidth,
  edgeTensor,
  fittingLabel,
  labelWidth,
  shortTypeLabel,
  tensorTypeLabel,
} from '../../src/ui/canvas/edge-tensor';

describe('tensorTypeLabel', () => {
  it('writes dtype and dims as Netron does, ? for an unknown dim', () => {
    expect(tensorTypeLabel('float32', [4, 3])).toBe('float32[4,3]');
    expect(tensorTypeLabel('int32', [null, 3])).toBe('int32[?,3]');
    expect(tensorTypeLabel('bool', [])).toBe('bool[]');
    expect(tensorTypeLabel('float32', null)).toBe('float32[…]');
  });
});

describe('edgeStrokeWidth', () => {
  it('grows by rank: a scalar thin, a matrix thicker, rank 4 and up the thickest', () => {
    expect(edgeStrokeWidth([])).toBe(1.25);
    expect(edgeStrokeWidth([3])).toBe(2);
    expect(edgeStrokeWidth([4, 3])).toBe(2.75);
    expect(edgeStrokeWidth([null, 3, 2])).toBe(3.5);
    expect(edgeStrokeWidth([1, 2, 3, 4])).toBe(4.25);
    expect(edgeStrokeWidth([1, 2, 3, 4, 5])).toBe(4.25);
  });

  it('adds half a step for 65,536 values or more, and draws an unknown rank as a vector', () => {
    expect(edgeStrokeWidth([256, 256, 3])).toBe(3.875);
    expect(edgeStrokeWidth([256, 255])).toBe(2.75);
    expect(edgeStrokeWidth([256, 256])).toBe(3.125);
    expect(edgeStrokeWidth(null)).toBe(2);
  });
});

describe('edgeTensor', () => {
  it('shows a fully inferred type as it is, before any run', () => {
    expect(edgeTensor({ dtype: 'float32', shape: [3] }, undefined)).toEqual({
      label: 'float32[3]',
      short: 'f32[3]',
      width: 2,
    });
  });

  it("fills unknown dims from the run's actual shape", () => {
    const inferred = { dtype: 'float32', shape: [null, 3] } as const;
    expect(edgeTensor(inferred, undefined)).toMatchObject({ label: 'float32[?,3]', width: 2.75 });
    expect(edgeTensor(inferred, { dtype: 'float32', shape: [5, 3] })).toMatchObject({
      label: 'float32[5,3]',
      width: 2.75,
    });
  });

  it('keeps a known inferred type over an older run, and says nothing with no type at all', () => {
    expect(edgeTensor({ dtype: 'int32', shape: [2] }, { dtype: 'float32', shape: [7, 7] })?.label).toBe('int32[2]');
    expect(edgeTensor(undefined, undefined)).toBeNull();
  });
});

describe('fittingLabel', () => {
  const tensor = edgeTensor({ dtype: 'float32', shape: [4, 3] }, undefined)!;

  it('draws the full type where the gap holds it and a margin, else the short one, else none', () => {
    expect(tensor.short).toBe('f32[4,3]');
    // "float32[4,3]": 12 characters, ceil(72.24) + 6 = 79 px, plus 3 px either side.
    expect(labelWidth('float32[4,3]')).toBe(79);
    expect(fittingLabel(tensor, 100, 185)).toBe('float32[4,3]');
    expect(fittingLabel(tensor, 100, 184)).toBe('f32[4,3]');
    // "f32[4,3]": ceil(48.16) + 6 = 55 px.
    expect(fittingLabel(tensor, 100, 161)).toBe('f32[4,3]');
    expect(fittingLabel(tensor, 100, 160)).toBeNull();
    // An edge running back to the left has no gap.
    expect(fittingLabel(tensor, 300, 100)).toBeNull();
  });

  it('shortens every dtype', () => {
    expect(shortTypeLabel('int32', [null, 2])).toBe('i32[?,2]');
    expect(shortTypeLabel('bool', null)).toBe('bool[…]');
  });
});
