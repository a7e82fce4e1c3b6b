import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatIndex,
  formatNumber,
  formatShape,
  multiIndex,
  viridis,
  viridisGradient,
} from '../../src/ui/tensor-view/format';
import { fitSize, imageLayout, matrixLayout, picturesFor } from '../../src/ui/tensor-view/pictures';
import { heatmapPixels, imagePixels, imageScale } from '../../src/ui/tensor-view/pixels';
import { describeNonFinite, histogram, valueStats } from '../../src/ui/tensor-view/stats';

const MINUS = '\u2212';

describe('formatNumber', () => {
  it('keeps six significant digits and drops trailing zeros', () => {
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatNumber(1 / 3)).toBe('0.333333');
    expect(formatNumber(2 / 3)).toBe('0.666667');
    expect(formatNumber(100.5)).toBe('100.5');
    expect(formatNumber(123456.7)).toBe('123457');
    expect(formatNumber(Math.fround(-1.2))).toBe(`${MINUS}1.2`);
  });

  it('switches to a compact exponent for very large and very small values', () => {
    expect(formatNumber(1234567.5)).toBe('1.23457e6');
    expect(formatNumber(1e-7)).toBe(`1e${MINUS}7`);
    expect(formatNumber(-2.5e-8)).toBe(`${MINUS}2.5e${MINUS}8`);
    expect(formatNumber(1e21)).toBe('1e21');
  });

  it('shows int32-sized integers exactly', () => {
    expect(formatNumber(1)).toBe('1');
    expect(formatNumber(1234567)).toBe('1234567');
    expect(formatNumber(-2147483647)).toBe(`${MINUS}2147483647`);
    expect(formatNumber(2 ** 31)).toBe('2.14748e9');
  });

  it('keeps the sign of a negative zero, which TensorFlow gives for Neg(0) and round(-0.4)', () => {
    expect(formatNumber(-0)).toBe(`${MINUS}0`);
    expect(formatNumber(0)).toBe('0');
  });

  it('names the non-finite values', () => {
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('\u221e');
    expect(formatNumber(-Infinity)).toBe(`${MINUS}\u221e`);
  });
});

describe('counts, shapes and indices', () => {
  it('groups thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1200)).toBe('1,200');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('writes shapes with a multiplication sign', () => {
    expect(formatShape([4, 5])).toBe('4 \u00d7 5');
    expect(formatShape([7])).toBe('7');
    expect(formatShape([])).toBe('scalar');
  });

  it('turns a flat index into a row-major multi-index', () => {
    expect(multiIndex(7, [3, 4])).toEqual([1, 3]);
    expect(multiIndex(23, [2, 3, 4])).toEqual([1, 2, 3]);
    expect(multiIndex(12, [2, 3, 4])).toEqual([1, 0, 0]);
    expect(multiIndex(5, [6])).toEqual([5]);
    expect(multiIndex(0, [])).toEqual([]);
    expect(formatIndex([1, 2])).toBe('[1, 2]');
    expect(formatIndex([])).toBe('[]');
  });
});

describe('viridis', () => {
  it('hits the matplotlib end and middle colours', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(0.5)).toEqual([33, 144, 140]);
    expect(viridis(1)).toEqual([253, 231, 37]);
  });

  it('interpolates between stops and clamps outside [0, 1]', () => {
    // Halfway between #440154 and #472d7b: (68+71)/2, (1+45)/2, (84+123)/2, rounded.
    expect(viridis(1 / 16)).toEqual([70, 23, 104]);
    expect(viridis(-1)).toEqual([68, 1, 84]);
    expect(viridis(2)).toEqual([253, 231, 37]);
  });

  it('makes a CSS gradient through the same stops', () => {
    const css = viridisGradient();
    expect(css.startsWith('linear-gradient(to right, rgb(68 1 84) 0.0%, rgb(71 45 123) 12.5%')).toBe(true);
    expect(css.endsWith('rgb(253 231 37) 100.0%)')).toBe(true);
  });
});

describe('value statistics', () => {
  const mixed = [1, NaN, -2, Infinity, 3, -Infinity, NaN];

  it('takes the extent over finite values and counts the rest', () => {
    expect(valueStats(mixed)).toEqual({ min: -2, max: 3, finite: 3, nan: 2, posInf: 1, negInf: 1 });
    expect(valueStats([NaN])).toEqual({ min: null, max: null, finite: 0, nan: 1, posInf: 0, negInf: 0 });
  });

  it('describes only the non-finite kinds present', () => {
    expect(describeNonFinite(valueStats(mixed))).toBe(`2 NaN, 1 +\u221e, 1 ${MINUS}\u221e`);
    expect(describeNonFinite(valueStats([NaN, NaN]))).toBe('2 NaN');
    expect(describeNonFinite(valueStats([1, 2]))).toBe('');
  });
});

describe('histogram', () => {
  const bin = (values: number[], bins: number, integer = false) => histogram(values, valueStats(values), bins, integer);

  it('splits [min, max] into equal bins, the last one closed', () => {
    expect(bin([0, 1, 2, 3, 4, 10], 5)).toEqual({ edges: [0, 2, 4, 6, 8, 10], counts: [2, 2, 1, 0, 1] });
    expect(bin([0, 0.25, 1], 4)).toEqual({ edges: [0, 0.25, 0.5, 0.75, 1], counts: [1, 1, 0, 1] });
  });

  it('bins values on inexact edges to the right side, and ends exactly at max', () => {
    // The width is 0.3 / 3 = 0.09999999999999999, so 0.1 falls just past the first edge.
    const h = bin([0, 0.1, 0.3], 3);
    expect(h.counts).toEqual([1, 1, 1]);
    expect(h.edges[3]).toBe(0.3);
  });

  it('leaves non-finite values out', () => {
    expect(bin([0, 1, 2, 3, 4, 10, NaN, Infinity, -Infinity], 5).counts).toEqual([2, 2, 1, 0, 1]);
    expect(bin([NaN, Infinity], 30)).toEqual({ edges: [], counts: [] });
  });

  it('gives a constant tensor one unit-wide bar', () => {
    expect(bin([3, 3, 3], 30)).toEqual({ edges: [2.5, 3.5], counts: [3] });
  });

  it('centres integer bins on whole numbers', () => {
    expect(bin([0, 1, 1, 2, 2, 2], 30, true)).toEqual({ edges: [-0.5, 0.5, 1.5, 2.5], counts: [1, 2, 3] });
    const bools = Uint8Array.from([1, 0, 1, 1]);
    expect(histogram(bools, valueStats(bools), 30, true)).toEqual({ edges: [-0.5, 0.5, 1.5], counts: [1, 3] });
  });

  it('widens integer bins to whole multiples when the range exceeds the bin count', () => {
    // 100 distinct values in at most 30 bins: width ceil(100 / 30) = 4, so 25 bins of 4.
    const h = bin(
      Array.from({ length: 100 }, (_, i) => i),
      30,
      true,
    );
    expect(h.counts).toEqual(new Array(25).fill(4));
    expect(h.edges[0]).toBe(-0.5);
    expect(h.edges[1]).toBe(3.5);
    expect(h.edges[25]).toBe(99.5);
  });
});

describe('which pictures fit', () => {
  it('shows a single value as a scalar and nothing for an empty tensor', () => {
    expect(picturesFor([], 1)).toEqual(['scalar']);
    expect(picturesFor([1, 1], 1)).toEqual(['scalar']);
    expect(picturesFor([0, 3], 0)).toEqual([]);
  });

  it('draws vectors as lines, matrices as heatmaps', () => {
    expect(picturesFor([5], 5)).toEqual(['line', 'histogram']);
    expect(picturesFor([1, 5, 1], 5)).toEqual(['line', 'histogram']);
    expect(picturesFor([4, 5], 20)).toEqual(['heatmap', 'histogram']);
    expect(picturesFor([1, 4, 5], 20)).toEqual(['heatmap', 'histogram']);
  });

  it('draws [H, W, C] and [1, H, W, C] with C in {1, 3, 4} as images', () => {
    expect(picturesFor([28, 28, 1], 784)).toEqual(['image', 'heatmap', 'histogram']);
    expect(picturesFor([1, 28, 28, 3], 2352)).toEqual(['image', 'histogram']);
  });

  it('wants an image at least 2 × 2: one row or column of pixels is a vector', () => {
    expect(picturesFor([1, 5, 1], 5)).toEqual(['line', 'histogram']);
    expect(picturesFor([1, 1, 3], 3)).toEqual(['line', 'histogram']);
    expect(imageLayout([1, 5, 3])).toBeNull();
  });

  it('falls back to the histogram alone', () => {
    expect(picturesFor([2, 4, 4, 3], 96)).toEqual(['histogram']);
    expect(picturesFor([4, 5, 2], 40)).toEqual(['histogram']);
    expect(picturesFor([3, 4, 5], 60)).toEqual(['histogram']);
  });

  it('reads image and matrix layouts', () => {
    expect(imageLayout([1, 2, 3, 4])).toEqual({ height: 2, width: 3, channels: 4 });
    expect(imageLayout([2, 3])).toBeNull();
    expect(imageLayout([2, 2, 3, 4])).toBeNull();
    expect(matrixLayout([1, 4, 1, 5])).toEqual({ height: 4, width: 5 });
    expect(matrixLayout([4, 5, 6])).toBeNull();
  });

  it('fits a grid in 280 px wide, 320 px tall, at least 12 px tall', () => {
    expect(fitSize({ height: 4, width: 5 })).toEqual({ width: 280, height: 224 });
    expect(fitSize({ height: 1000, width: 10 })).toEqual({ width: 3, height: 320 });
    expect(fitSize({ height: 2, width: 5000 })).toEqual({ width: 280, height: 12 });
  });
});

describe('pixels', () => {
  it('maps a heatmap through viridis, leaving NaN transparent', () => {
    const { data, rows, width } = heatmapPixels([0, 1, 2, NaN], { height: 2, width: 2 }, 0, 2);
    expect([rows, width]).toEqual([2, 2]);
    expect([...data]).toEqual([68, 1, 84, 255, 33, 144, 140, 255, 253, 231, 37, 255, 0, 0, 0, 0]);
  });

  it('draws only the rows that have values, and a flat tensor mid-scale', () => {
    const { data, rows } = heatmapPixels([5, 5, 5], { height: 3, width: 2 }, 5, 5);
    expect(rows).toBe(2);
    expect([...data]).toEqual([33, 144, 140, 255, 33, 144, 140, 255, 33, 144, 140, 255, 0, 0, 0, 0]);
  });

  it('picks how image values become bytes', () => {
    expect(imageScale('float32', 0, 1)).toEqual({ kind: 'unit' });
    expect(imageScale('float32', -0.5, 1.3)).toEqual({ kind: 'stretch', min: -0.5, max: 1.3 });
    expect(imageScale('float32', null, null)).toEqual({ kind: 'unit' });
    expect(imageScale('int32', -3, 300)).toEqual({ kind: 'byte' });
    expect(imageScale('bool', 0, 1)).toEqual({ kind: 'unit' });
  });

  it('scales grayscale floats by 255 (NaN is black)', () => {
    const { data } = imagePixels([0, 0.5, 1, NaN], { height: 2, width: 2, channels: 1 }, { kind: 'unit' });
    // 127.5 rounds half to even in a Uint8ClampedArray.
    expect([...data]).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 0, 0, 0, 255]);
  });

  it('clamps int RGB and stretches out-of-range RGBA', () => {
    const rgb = imagePixels(Int32Array.from([300, -5, 7]), { height: 1, width: 1, channels: 3 }, { kind: 'byte' });
    expect([...rgb.data]).toEqual([255, 0, 7, 255]);
    // (v + 1) / 4 * 255 for v = -1, 0, 1, 3.
    const rgba = imagePixels([-1, 0, 1, 3], { height: 1, width: 1, channels: 4 }, { kind: 'stretch', min: -1, max: 3 });
    expect([...rgba.data]).toEqual([0, 64, 128, 255]);
  });

  it('draws only whole pixels of a truncated image', () => {
    const { data, rows } = imagePixels([1, 0, 0.2, 0.4, 0.6], { height: 2, width: 2, channels: 3 }, { kind: 'unit' });
    expect(rows).toBe(1);
    expect([...data]).toEqual([255, 0, 51, 255, 0, 0, 0, 0]);
  });
});
