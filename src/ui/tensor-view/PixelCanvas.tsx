import { useEffect, useRef } from 'react';
import { fitSize } from './pictures';
import type { Pixels } from './pixels';

/** One canvas pixel per cell, scaled by CSS with nearest-neighbour sampling. */
export function PixelCanvas({ pixels, label }: { pixels: Pixels; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx && pixels.rows > 0) ctx.putImageData(new ImageData(pixels.data, pixels.width, pixels.rows), 0, 0);
  }, [pixels]);

  const size = fitSize({ height: pixels.rows, width: pixels.width });
  return (
    <canvas
      ref={ref}
      className="tv-pixels"
      role="img"
      aria-label={label}
      width={pixels.width}
      height={pixels.rows}
      style={{ width: size.width, height: size.height }}
    />
  );
}
