import { useMemo } from 'react';
import { formatNumber } from './format';
import type { ImageLayout } from './pictures';
import { imagePixels, imageScale, type ImageDType } from './pixels';
import { PixelCanvas } from './PixelCanvas';
import type { ValueStats, Values } from './stats';

const CHANNELS = { 1: 'grayscale', 3: 'RGB', 4: 'RGBA' } as const;

interface ImagePictureProps {
  label: string;
  layout: ImageLayout;
  dtype: ImageDType;
  values: Values;
  stats: ValueStats;
}

export function ImagePicture({ label, layout, dtype, values, stats }: ImagePictureProps) {
  const { height, width, channels } = layout;
  const scale = useMemo(() => imageScale(dtype, stats.min, stats.max), [dtype, stats.min, stats.max]);
  const pixels = useMemo(
    () => imagePixels(values, { height, width, channels }, scale),
    [values, height, width, channels, scale],
  );

  const span = scale.kind === 'stretch' ? `${formatNumber(scale.min)} to ${formatNumber(scale.max)}` : null;
  const rows = pixels.rows < height ? `, first ${pixels.rows} of ${height} rows` : '';
  return (
    <div className="tv-picture">
      <PixelCanvas
        pixels={pixels}
        label={`Image of ${label}, ${height} \u00d7 ${width} ${CHANNELS[channels]}${rows}${span ? `, min-max normalized from ${span}` : ''}`}
      />
      {span && <p className="tv-note">Values span {span}, outside [0, 1], so they are min–max normalized.</p>}
    </div>
  );
}
