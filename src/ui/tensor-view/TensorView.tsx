import './tensor-view.css';
import { useId, useMemo, useState } from 'react';
import { formatCount, formatNumber, formatShape } from './format';
import { HeatmapPicture } from './HeatmapPicture';
import { HistogramPicture } from './HistogramPicture';
import { ImagePicture } from './ImagePicture';
import { LinePicture } from './LinePicture';
import { imageLayout, matrixLayout, picturesFor, type PictureKind } from './pictures';
import { panelId, PictureTabs, tabId } from './PictureTabs';
import { valueStats, type ValueStats } from './stats';

export type TensorDType = 'float32' | 'int32' | 'bool';

export interface TensorViewProps {
  label: string;
  shape: readonly number[];
  dtype: TensorDType;
  /** The first values.length of `total` row-major values. Keep its identity while the data is unchanged. */
  values: Float32Array | Int32Array | Uint8Array | readonly number[];
  total: number;
}

/** One tensor, drawn in whichever pictures suit its shape, with a tab to switch between them. */
export function TensorView({ label, shape, dtype, values, total }: TensorViewProps) {
  const idBase = useId();
  const [chosen, setChosen] = useState<PictureKind | null>(null);
  const stats = useMemo(() => valueStats(values), [values]);

  const kinds = values.length === 0 ? [] : picturesFor(shape, total);
  const active = chosen !== null && kinds.includes(chosen) ? chosen : kinds[0];

  return (
    <figure className="tv">
      <figcaption className="tv-caption">
        <span className="tv-label">{label}</span>
        <span className="tv-meta">
          {dtype} · {formatShape(shape)}
        </span>
      </figcaption>
      {values.length < total && (
        <p className="tv-note">
          Showing the first {formatCount(values.length)} of {formatCount(total)} values.
        </p>
      )}
      {active === undefined ? (
        <p className="tv-note">{total === 0 ? 'Empty tensor: it has no values.' : 'No values to show.'}</p>
      ) : kinds.length === 1 ? (
        <Picture kind={active} label={label} shape={shape} dtype={dtype} values={values} stats={stats} />
      ) : (
        <>
          <PictureTabs label={label} idBase={idBase} kinds={kinds} active={active} onSelect={setChosen} />
          <div className="tv-panel" id={panelId(idBase)} role="tabpanel" aria-labelledby={tabId(idBase, active)}>
            <Picture kind={active} label={label} shape={shape} dtype={dtype} values={values} stats={stats} />
          </div>
        </>
      )}
    </figure>
  );
}

interface PictureProps extends Omit<TensorViewProps, 'total'> {
  kind: PictureKind;
  stats: ValueStats;
}

function Picture({ kind, label, shape, dtype, values, stats }: PictureProps) {
  switch (kind) {
    case 'scalar': {
      const v = values[0]!;
      return <p className="tv-scalar">{dtype === 'bool' ? String(v !== 0) : formatNumber(v)}</p>;
    }
    case 'line':
      return <LinePicture label={label} values={values} stats={stats} />;
    case 'heatmap': {
      const { height, width } = matrixLayout(shape)!;
      return <HeatmapPicture label={label} height={height} width={width} values={values} stats={stats} />;
    }
    case 'image':
      return <ImagePicture label={label} layout={imageLayout(shape)!} dtype={dtype} values={values} stats={stats} />;
    case 'histogram':
      return <HistogramPicture label={label} values={values} stats={stats} integer={dtype !== 'float32'} />;
  }
}
