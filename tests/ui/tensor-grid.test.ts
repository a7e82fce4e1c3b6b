import { describe, expect, it } from 'vitest';
import type { TensorLiteral } from '../../src/graph/types';
import { filled, mulberry32 } from '../../src/ui/panel/grid/fills';
import { parseSizes } from '../../src/ui/panel/grid/ShapeField';
import { cellName, gridProblem, pasted, reshaped, withValue } from '../../src/ui/panel/grid/tensor-grid';
import { parseTsv } from '../../src/ui/panel/grid/tsv';
import { parseShape } from '../../src/ui/panel/PortsEditor';

const matrix = (shape: number[], values: number[]): TensorLiteral => ({ dtype: 'float32', shape, values });

describe('pasting cells from a spreadsheet', () => {
  it('reads rows on lines and cells between tabs, ignoring the line break spreadsheets add at the end', () => {
    expect(parseTsv('1\t2\t3\r\n4.5\t-6e-1\tTRUE\r\n')).toEqual([
      [1, 2, 3],
      [4.5, -0.6, 1],
    ]);
    expect(parseTsv('1, 2  3')).toEqual([[1, 2, 3]]);
  });

  it('names the row and column of a cell that is not a number', () => {
    expect(parseTsv('1\t2\n3\tfour')).toBe('row 2, column 2: "four" is not a number');
    expect(parseTsv('1\t\t3')).toBe('row 1, column 2: "" is not a number');
  });

  it('writes a block over a matrix from the cell pasted into, leaving the rest', () => {
    const m = matrix([3, 3], [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(
      pasted(m, [], 1, 1, [
        [1, 2],
        [3, 4],
      ]).values,
    ).toEqual([0, 0, 0, 0, 1, 2, 0, 3, 4]);
  });

  it('grows a vector into a matrix for a block of several rows, keeping its values in the first row', () => {
    const grown = pasted(matrix([3], [7, 8, 9]), [], 0, 0, [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(grown.shape).toEqual([2, 3]);
    expect(grown.values).toEqual([1, 2, 3, 4, 5, 6]);
    const wider = pasted(matrix([2], [7, 8]), [], 0, 1, [[1, 2, 3]]);
    expect(wider).toEqual(matrix([4], [7, 1, 2, 3]));
  });

  it('keeps the shape of a rank-3 tensor, leaving out what falls past the slice', () => {
    const t = matrix([2, 2, 2], [0, 0, 0, 0, 0, 0, 0, 0]);
    const result = pasted(t, [1], 1, 1, [
      [5, 6],
      [7, 8],
    ]);
    expect(result.shape).toEqual([2, 2, 2]);
    expect(result.values).toEqual([0, 0, 0, 0, 0, 0, 0, 5]);
  });
});

describe('changing the shape', () => {
  it('keeps each value whose index is in both shapes, and fills new places with 0', () => {
    const m = matrix([2, 3], [1, 2, 3, 4, 5, 6]);
    expect(reshaped(m, [3, 2]).values).toEqual([1, 2, 4, 5, 0, 0]);
    expect(reshaped(m, [2, 4]).values).toEqual([1, 2, 3, 0, 4, 5, 6, 0]);
    expect(reshaped(m, [1, 1]).values).toEqual([1]);
  });

  it('starts over in order when the rank changes', () => {
    expect(reshaped(matrix([2, 2], [1, 2, 3, 4]), [5])).toEqual(matrix([5], [1, 2, 3, 4, 0]));
    expect(reshaped(matrix([3], [1, 2, 3]), [])).toEqual(matrix([], [1]));
  });

  it('reads sizes as typed, brackets or not', () => {
    expect(parseSizes('2, 3')).toEqual([2, 3]);
    expect(parseSizes('[4]')).toEqual([4]);
    expect(parseSizes('[]')).toEqual([]);
    expect(parseSizes('2 × 3')).toEqual([2, 3]);
    expect(parseSizes('2, -1')).toBeNull();
    expect(parseSizes('1.5')).toBeNull();
  });
});

describe('the grid', () => {
  it('names cells by the node and their index', () => {
    expect(cellName('x', [1, 2])).toBe('x[1][2]');
    expect(cellName('loss', [])).toBe('loss');
  });

  it('changes one value at a time', () => {
    expect(withValue(matrix([3], [1, 2, 3]), 1, 9).values).toEqual([1, 9, 3]);
  });

  it('shows up to 32 × 32 values at a time, and says so beyond', () => {
    expect(gridProblem([32, 32])).toBeNull();
    expect(gridProblem([4, 32, 32])).toBeNull();
    expect(gridProblem([33])).toMatch(/up to 32 × 32/);
    expect(gridProblem([40, 2])).toMatch(/edited as text/);
  });
});

describe('fills', () => {
  it('gives zeros, ones and a range at the shape', () => {
    expect(filled('zeros', [2, 2], 'float32')).toEqual(matrix([2, 2], [0, 0, 0, 0]));
    expect(filled('ones', [3], 'int32')).toEqual({ dtype: 'int32', shape: [3], values: [1, 1, 1] });
    expect(filled('range', [2, 3], 'float32').values).toEqual([0, 1, 2, 3, 4, 5]);
    expect(filled('range', [3], 'bool').values).toEqual([0, 1, 1]);
  });

  // Expected numbers from an independent Python implementation of mulberry32 and Box–Muller, rounded to float32.
  it('draws uniform numbers from the seed: mulberry32', () => {
    const next = mulberry32(42);
    expect(Array.from({ length: 3 }, () => Math.fround(next()))).toEqual([
      0.6011037230491638, 0.44829055666923523, 0.852465808391571,
    ]);
    expect(filled('random uniform', [2, 3], 'float32', 3).values).toEqual([
      0.7202267646789551, 0.03866216167807579, 0.4561921954154968, 0.07492800801992416, 0.7630053758621216,
      0.48118042945861816,
    ]);
  });

  it('draws normal numbers from the seed: Box–Muller on two uniform draws each', () => {
    expect(filled('random normal', [4], 'float32', 7).values).toEqual([
      0.1419704407453537, -0.864253044128418, -1.0063663721084595, 0.07088442146778107,
    ]);
  });

  it('gives the same numbers for the same seed and others for another', () => {
    const a = filled('random normal', [64], 'float32', 5).values;
    expect(filled('random normal', [64], 'float32', 5).values).toEqual(a);
    expect(filled('random normal', [64], 'float32', 6).values).not.toEqual(a);
    const many = filled('random normal', [20000], 'float32', 1).values as number[];
    const mean = many.reduce((s, v) => s + v, 0) / many.length;
    const sd = Math.sqrt(many.reduce((s, v) => s + (v - mean) ** 2, 0) / many.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });
});

describe('declared script output shapes', () => {
  it('reads [] as a scalar, nothing as any shape, and sizes with or without brackets', () => {
    expect(parseShape('[]')).toEqual([]);
    expect(parseShape('')).toBeUndefined();
    expect(parseShape('?, 3')).toEqual([null, 3]);
    expect(parseShape('[2, ?]')).toEqual([2, null]);
    expect(parseShape(',')).toBe('invalid');
    expect(parseShape('[2, x]')).toBe('invalid');
  });
});
