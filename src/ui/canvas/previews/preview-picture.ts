/** Which small picture a node draws of its value, and how many values it needs for it. */
import { imageLayout, matrixLayout, type Grid, type ImageLayout } from '../../tensor-view/pictures';

export type PreviewPicture =
  | { readonly kind: 'sparkline'; readonly length: number }
  | { readonly kind: 'heatmap'; readonly grid: Grid }
  | { readonly kind: 'image'; readonly layout: ImageLayout };

/**
 * An image ([H, W, C] or [1, H, W, C], C ∈ {1, 3, 4}), else a heatmap for a matrix (rank 3 and up
 * folded into rows of the last dimension), else a sparkline for a vector; none for a single value.
 */
export function previewPicture(shape: readonly number[]): PreviewPicture | null {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size < 2) return null;
  const layout = imageLayout(shape);
  if (layout) return { kind: 'image', layout };
  const grid = matrixLayout(shape);
  if (grid) return { kind: 'heatmap', grid };
  const dims = shape.filter((d) => d !== 1);
  if (dims.length === 1) return { kind: 'sparkline', length: size };
  const width = dims[dims.length - 1]!;
  return { kind: 'heatmap', grid: { height: size / width, width } };
}

// What a thumbnail can show: beyond these a node draws the first rows (the side panel has the rest).
const SPARKLINE_VALUES = 1024;
const HEATMAP_VALUES = 4096;
const IMAGE_VALUES = 256 * 256 * 4;

/** How many of the first values the picture draws. */
export function valuesNeeded(picture: PreviewPicture): number {
  switch (picture.kind) {
    case 'sparkline':
      return Math.min(picture.length, SPARKLINE_VALUES);
    case 'heatmap':
      return Math.min(picture.grid.height * picture.grid.width, HEATMAP_VALUES);
    case 'image': {
      const { height, width, channels } = picture.layout;
      return Math.min(height * width * channels, IMAGE_VALUES);
    }
  }
}

/** CSS pixels: the height of the picture that stands for a node's value (src/layout/node-box.ts counts it). */
export const PREVIEW_PICTURE_HEIGHT = 28;

/** CSS size of a grid drawn one canvas pixel per cell, scaled to fit the box, each side at least `min` pixels. */
export function thumbnailSize(grid: Grid, box: Grid, min = 4): Grid {
  const scale = Math.min(box.width / grid.width, box.height / grid.height);
  return {
    width: Math.max(min, Math.round(grid.width * scale)),
    height: Math.max(min, Math.round(grid.height * scale)),
  };
}
