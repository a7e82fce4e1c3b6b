import { useMemo } from 'react';
import { formatNumber, viridisGradient } from './format';
import { heatmapPixels } from './pixels';
import { PixelCanvas } from './PixelCanvas';
import type { ValueStats, Values } from './stats';

const LEGEND_GRADIENT = viridisGradient();

interface HeatmapPictureProps {
  label: string;
  height: number;
  width: number;
  values: Values;
  stats: ValueStats;
}

export function HeatmapPicture({ label, height, width, values, stats }: HeatmapPictureProps) {
  const { min, max } = stats;
  const pixels = useMemo(
    () => (min === null || max === null ? null : heatmapPixels(values, { height, width }, min, max)),
    [values, height, width, min, max],
  );
  if (!pixels || min === null || max === null) return <p className="tv-note">No finite values to draw.</p>;

  const rows = pixels.rows < height ? `, first ${pixels.rows} of ${height} rows` : '';
  const blank = stats.nan + stats.posInf + stats.negInf;
  return (
    <div className="tv-picture">
      <PixelCanvas
        pixels={pixels}
        label={`Heatmap of ${label}, ${height} \u00d7 ${width}${rows}, min ${formatNumber(min)}, max ${formatNumber(max)}`}
      />
      <div className="tv-legend">
        <span>{formatNumber(min)}</span>
        <span className="tv-legend-bar" style={{ backgroundImage: LEGEND_GRADIENT }} />
        <span>{formatNumber(max)}</span>
      </div>
      {blank > 0 && <p className="tv-note">{blank} non-finite cells are left blank.</p>}
    </div>
  );
}
