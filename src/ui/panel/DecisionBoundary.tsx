import { useEffect, useRef } from 'react';
import { BOUNDARY } from '../../runtime/host/boundary-grid';

const SIZE = 240;
// Playground's colours: orange for class 0, blue for class 1, paler where the model is unsure.
const ZERO = [245, 147, 34];
const ONE = [8, 119, 189];

const mix = (p: number) => {
  const [toward, sure] = p >= 0.5 ? [ONE, (p - 0.5) * 2] : [ZERO, (0.5 - p) * 2];
  return toward.map((c) => Math.round(255 + (c - 255) * (0.15 + 0.55 * sure)));
};

/**
 * A 2-D binary classifier's prediction over the plane as TensorFlow Playground draws it, with the
 * training points on it: the picture a learner watches change as the model trains.
 */
export function DecisionBoundary({
  boundary,
  points,
  accuracy,
}: {
  boundary: Float32Array;
  points: { readonly features: Float32Array; readonly labels: Float32Array } | null;
  accuracy: number | null;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const { resolution, extent } = BOUNDARY;
    const image = context.createImageData(resolution, resolution);
    boundary.forEach((p, i) => {
      const [r, g, b] = mix(p);
      image.data.set([r!, g!, b!, 255], i * 4);
    });
    // Drawn at the grid's size, then scaled up smoothly, as Playground's canvas is.
    const grid = new OffscreenCanvas(resolution, resolution);
    grid.getContext('2d')!.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = true;
    context.drawImage(grid, 0, 0, SIZE, SIZE);
    if (!points) return;
    const scale = SIZE / (2 * extent);
    for (let i = 0; i < points.labels.length; i++) {
      const x = (points.features[2 * i]! + extent) * scale;
      const y = (extent - points.features[2 * i + 1]!) * scale;
      context.beginPath();
      context.arc(x, y, 2.5, 0, 2 * Math.PI);
      context.fillStyle = `rgb(${(points.labels[i]! >= 0.5 ? ONE : ZERO).join(',')})`;
      context.fill();
      context.strokeStyle = 'white';
      context.lineWidth = 1;
      context.stroke();
    }
  }, [boundary, points]);
  const summary = accuracy === null ? '' : `, ${(accuracy * 100).toFixed(1)} % of test points on the right side`;
  return (
    <canvas
      ref={ref}
      className="decision-boundary"
      width={SIZE}
      height={SIZE}
      role="img"
      aria-label={`Decision boundary over the plane: class 1 blue, class 0 orange${summary}`}
    />
  );
}
