import { describe, expect, it } from 'vitest';
import { summarizeValues } from '../../src/runtime/summary';
import { describePreview } from '../../src/ui/canvas/previews/describe-preview';
import { previewPicture, thumbnailSize, valuesNeeded } from '../../src/ui/canvas/previews/preview-picture';
import { sparklineRuns } from '../../src/ui/canvas/previews/sparkline';
import { heatmapPixels } from '../../src/ui/tensor-view/pixels';

describe('previewPicture', () => {
  it('draws nothing for a single value, a sparkline for a vector', () => {
    expect(previewPicture([])).toBeNull();
    expect(previewPicture([1, 1])).toBeNull();
    expect(previewPicture([3])).toEqual({ kind: 'sparkline', length: 3 });
    expect(previewPicture([1, 5])).toEqual({ kind: 'sparkline', length: 5 });
  });

  it('draws a heatmap for a matrix, rows of the last dim for higher ranks', () => {
    expect(previewPicture([4, 3])).toEqual({ kind: 'heatmap', grid: { height: 4, width: 3 } });
    expect(previewPicture([2, 3, 5])).toEqual({ kind: 'heatmap', grid: { height: 6, width: 5 } });
    // A batch of two is not one picture.
    expect(previewPicture([2, 28, 28, 3])).toEqual({ kind: 'heatmap', grid: { height: 1568, width: 3 } });
  });

  it('draws an image for [H, W, C] and [1, H, W, C] with 1, 3 or 4 channels', () => {
    expect(previewPicture([28, 28, 1])).toEqual({ kind: 'image', layout: { height: 28, width: 28, channels: 1 } });
    expect(previewPicture([1, 8, 6, 4])).toEqual({ kind: 'image', layout: { height: 8, width: 6, channels: 4 } });
  });
});

describe('valuesNeeded', () => {
  it('asks for every value up to what a thumbnail can show', () => {
    expect(valuesNeeded({ kind: 'sparkline', length: 3 })).toBe(3);
    expect(valuesNeeded({ kind: 'sparkline', length: 5000 })).toBe(1024);
    expect(valuesNeeded({ kind: 'heatmap', grid: { height: 100, width: 100 } })).toBe(4096);
    expect(valuesNeeded({ kind: 'image', layout: { height: 28, width: 28, channels: 3 } })).toBe(2352);
    expect(valuesNeeded({ kind: 'image', layout: { height: 512, width: 512, channels: 3 } })).toBe(262144);
  });
});

describe('thumbnailSize', () => {
  it('scales a grid to fit its box, keeping its proportions, never thinner than 4 px', () => {
    expect(thumbnailSize({ height: 4, width: 5 }, { width: 132, height: 40 })).toEqual({ width: 50, height: 40 });
    expect(thumbnailSize({ height: 2, width: 300 }, { width: 132, height: 40 })).toEqual({ width: 132, height: 4 });
  });
});

describe('sparklineRuns', () => {
  const box = { width: 100, height: 20, pad: 2 };

  it('spreads the values across the box, the max at the top and the min at the bottom', () => {
    expect(sparklineRuns([0, 1, 0.5], box, 0, 1)).toEqual([
      [
        [2, 18],
        [50, 2],
        [98, 10],
      ],
    ]);
  });

  it('breaks the line at a non-finite value, and draws a constant in the middle', () => {
    expect(sparklineRuns([1, NaN, 3, 2], box, 1, 3)).toEqual([
      [[2, 18]],
      [
        [66, 2],
        [98, 10],
      ],
    ]);
    expect(sparklineRuns([5, 5], box, 5, 5)).toEqual([
      [
        [2, 10],
        [98, 10],
      ],
    ]);
  });
});

describe('heatmap thumbnail colours', () => {
  it("gives the min cell viridis's first colour and the max cell its last", () => {
    const { data } = heatmapPixels([3, 1, 4, 2], { height: 2, width: 2 }, 1, 4);
    const cell = (i: number) => [...data.slice(i * 4, i * 4 + 4)];
    expect(cell(1)).toEqual([0x44, 0x01, 0x54, 255]);
    expect(cell(2)).toEqual([0xfd, 0xe7, 0x25, 255]);
  });
});

describe('describePreview', () => {
  it('names the picture, the count and the range of the values', () => {
    const sin = summarizeValues('float32', [3], [Math.sin(3), Math.sin(2), Math.sin(1)]);
    expect(describePreview({ kind: 'sparkline', length: 3 }, sin, 3)).toBe(
      'sparkline of 3 values from 0.14112 to 0.909297',
    );
    const matrix = summarizeValues(
      'float32',
      [2, 40],
      Array.from({ length: 80 }, (_, i) => i - 10),
      16,
    );
    expect(describePreview({ kind: 'heatmap', grid: { height: 2, width: 40 } }, matrix, 16)).toBe(
      'heatmap of 2 × 40 values from −10 to 69, first 16 drawn',
    );
    const image = summarizeValues('int32', [4, 5, 3], new Array(60).fill(7));
    expect(describePreview({ kind: 'image', layout: { height: 4, width: 5, channels: 3 } }, image, 60)).toBe(
      'RGB image, 4 × 5 pixels',
    );
  });
});
