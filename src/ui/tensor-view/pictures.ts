/** Which pictures suit a tensor's shape, and how big to draw them. */

export type PictureKind = 'scalar' | 'line' | 'heatmap' | 'image' | 'histogram';

export const PICTURE_NAMES: Readonly<Record<PictureKind, string>> = {
  scalar: 'Value',
  line: 'Line',
  heatmap: 'Heatmap',
  image: 'Image',
  histogram: 'Histogram',
};

export interface Grid {
  readonly height: number;
  readonly width: number;
}

export interface ImageLayout extends Grid {
  readonly channels: 1 | 3 | 4;
}

/** [H, W, C] or [1, H, W, C] with C ∈ {1, 3, 4} and H, W ≥ 2: a single row of pixels is better read as a line. */
export function imageLayout(shape: readonly number[]): ImageLayout | null {
  const hwc = shape.length === 4 && shape[0] === 1 ? shape.slice(1) : shape;
  if (hwc.length !== 3) return null;
  const [height = 0, width = 0, channels] = hwc;
  if (height < 2 || width < 2 || (channels !== 1 && channels !== 3 && channels !== 4)) return null;
  return { height, width, channels };
}

/** The tensor as a matrix when exactly two of its dimensions exceed 1 ([1, H, W, 1] is H × W). */
export function matrixLayout(shape: readonly number[]): Grid | null {
  const dims = shape.filter((d) => d !== 1);
  return dims.length === 2 ? { height: dims[0]!, width: dims[1]! } : null;
}

/** Best first; the histogram is offered for anything with more than one value. */
export function picturesFor(shape: readonly number[], total: number): PictureKind[] {
  if (total === 0) return [];
  if (total === 1) return ['scalar'];
  const kinds: PictureKind[] = [];
  if (imageLayout(shape)) kinds.push('image');
  if (matrixLayout(shape)) kinds.push('heatmap');
  if (shape.filter((d) => d !== 1).length === 1) kinds.push('line');
  kinds.push('histogram');
  return kinds;
}

const MAX_PICTURE_WIDTH = 280;
const MAX_PICTURE_HEIGHT = 320;
// Very wide, short grids would otherwise shrink to a hairline.
const MIN_PICTURE_HEIGHT = 12;

/** CSS size for a grid drawn one canvas pixel per cell and scaled up (or down) to fit the panel. */
export function fitSize(grid: Grid): Grid {
  const scale = Math.min(MAX_PICTURE_WIDTH / grid.width, MAX_PICTURE_HEIGHT / grid.height);
  return {
    width: Math.max(1, Math.round(grid.width * scale)),
    height: Math.max(MIN_PICTURE_HEIGHT, Math.round(grid.height * scale)),
  };
}
