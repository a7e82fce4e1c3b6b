/**
 * The previews' bitmaps: drawn on one shared <canvas> and kept as PNG data URLs, so that a node
 * shows an <img>. A <canvas> element per node cost the canvas benchmark's pan about three times as
 * many late frames (each node coming into view made and painted its own canvas); a data URL is
 * made once per value and shown again for free when the node scrolls back into view.
 */
import type { TensorSummary } from '../../../runtime/summary';
import { heatmapPixels, imagePixels, imageScale, type Pixels } from '../../tensor-view/pixels';
import type { Values } from '../../tensor-view/stats';
import type { PreviewPicture } from './preview-picture';
import { sparklineRuns, type Box } from './sparkline';

export interface Bitmap {
  readonly url: string;
  /** In bitmap pixels: one per cell for a heatmap or image, `ratio` per CSS pixel for a sparkline. */
  readonly width: number;
  readonly height: number;
}

let scratch: HTMLCanvasElement | null = null;
function scratchContext(width: number, height: number): CanvasRenderingContext2D {
  scratch ??= document.createElement('canvas');
  scratch.width = width;
  scratch.height = height;
  return scratch.getContext('2d')!;
}

/** Made bitmaps, by the values they show and how (the same value is often on screen many times). */
const made = new WeakMap<object, Map<string, Bitmap | null>>();
function remembered(values: Values, key: string, make: () => Bitmap | null): Bitmap | null {
  let byKey = made.get(values);
  if (!byKey) made.set(values, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, make());
  return byKey.get(key)!;
}

function pixelsBitmap(pixels: Pixels): Bitmap | null {
  if (pixels.rows === 0) return null;
  scratchContext(pixels.width, pixels.rows).putImageData(new ImageData(pixels.data, pixels.width, pixels.rows), 0, 0);
  return { url: scratch!.toDataURL(), width: pixels.width, height: pixels.rows };
}

/** A heatmap (viridis from the tensor's min to its max) or an image, one bitmap pixel per cell. */
export function cellsBitmap(
  picture: Exclude<PreviewPicture, { kind: 'sparkline' }>,
  values: Values,
  summary: TensorSummary,
): Bitmap | null {
  const { min, max } = summary;
  return remembered(values, `${picture.kind}:${min}:${max}`, () => {
    if (picture.kind === 'image')
      return pixelsBitmap(imagePixels(values, picture.layout, imageScale(summary.dtype, min, max)));
    return min === null || max === null ? null : pixelsBitmap(heatmapPixels(values, picture.grid, min, max));
  });
}

/** The line stroked in `colour` at `ratio` bitmap pixels per CSS pixel of `box`. */
export function sparklineBitmap(
  values: Values,
  summary: TensorSummary,
  box: Box,
  ratio: number,
  colour: string,
): Bitmap | null {
  const { min, max } = summary;
  if (min === null || max === null) return null;
  return remembered(values, `line:${min}:${max}:${ratio}:${colour}`, () => {
    const ctx = scratchContext(box.width * ratio, box.height * ratio);
    ctx.scale(ratio, ratio);
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.lineJoin = 'round';
    for (const run of sparklineRuns(values, box, min, max)) {
      ctx.beginPath();
      run.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      ctx.stroke();
      // A lone finite value between non-finite ones is a dot.
      if (run.length === 1) ctx.fillRect(run[0]![0] - 1, run[0]![1] - 1, 2, 2);
    }
    return { url: scratch!.toDataURL(), width: box.width * ratio, height: box.height * ratio };
  });
}
