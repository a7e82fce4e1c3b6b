import { useEffect, useMemo, useRef } from 'react';
import type { TensorSummary } from '../../../runtime/summary';
import { heatmapPixels, imagePixels, imageScale, type Pixels } from '../../tensor-view/pixels';
import type { Values } from '../../tensor-view/stats';
import { PREVIEW_PICTURE_HEIGHT, thumbnailSize, type PreviewPicture } from './preview-picture';
import { sparklineRuns } from './sparkline';

// Every picture fits one slot of PREVIEW_PICTURE_HEIGHT, so that a node's height (which layout
// estimates before anything runs) does not depend on the picture's proportions.
const SPARKLINE = { width: 132, height: PREVIEW_PICTURE_HEIGHT, pad: 2 };
// Inside the thumbnail's 1 px border.
const THUMBNAIL_BOX = { width: 132, height: PREVIEW_PICTURE_HEIGHT - 2 };

interface PreviewCanvasProps {
  readonly picture: PreviewPicture;
  readonly values: Values;
  readonly summary: TensorSummary;
  readonly description: string;
  /** The first values as text: the tooltip (and accessible description) of the picture. */
  readonly numbers: string;
}

/** One <canvas> per node: a sparkline stroked at the screen's resolution, or pixels one per cell. */
export function PreviewCanvas({ picture, ...rest }: PreviewCanvasProps) {
  return picture.kind === 'sparkline' ? <SparklineCanvas {...rest} /> : <PixelThumbnail picture={picture} {...rest} />;
}

function SparklineCanvas({ values, summary, description, numbers }: Omit<PreviewCanvasProps, 'picture'>) {
  const ref = useRef<HTMLCanvasElement>(null);
  const ratio = Math.ceil(window.devicePixelRatio || 1);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || summary.min === null || summary.max === null) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, SPARKLINE.width, SPARKLINE.height);
    // The stroke follows the theme: the canvas's CSS colour is a theme variable.
    ctx.strokeStyle = getComputedStyle(canvas).color;
    ctx.lineWidth = 1.5;
    ctx.lineJoin = 'round';
    for (const run of sparklineRuns(values, SPARKLINE, summary.min, summary.max)) {
      ctx.beginPath();
      run.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      if (run.length === 1) ctx.arc(run[0]![0], run[0]![1], 1, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }, [values, summary, ratio]);
  return (
    <canvas
      ref={ref}
      className="op-node-sparkline"
      role="img"
      aria-label={description}
      title={numbers}
      width={SPARKLINE.width * ratio}
      height={SPARKLINE.height * ratio}
      style={SPARKLINE}
    />
  );
}

function PixelThumbnail({ picture, values, summary, description, numbers }: PreviewCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const pixels = useMemo((): Pixels | null => {
    const { min, max } = summary;
    if (picture.kind === 'heatmap')
      return min === null || max === null ? null : heatmapPixels(values, picture.grid, min, max);
    if (picture.kind === 'image') return imagePixels(values, picture.layout, imageScale(summary.dtype, min, max));
    return null;
  }, [picture, values, summary]);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx && pixels && pixels.rows > 0) ctx.putImageData(new ImageData(pixels.data, pixels.width, pixels.rows), 0, 0);
  }, [pixels]);
  if (!pixels || pixels.rows === 0) return null;
  const size = thumbnailSize({ height: pixels.rows, width: pixels.width }, THUMBNAIL_BOX);
  return (
    <canvas
      ref={ref}
      className="op-node-thumbnail"
      role="img"
      aria-label={description}
      title={numbers}
      width={pixels.width}
      height={pixels.rows}
      style={size}
    />
  );
}
