import { Panel } from '@xyflow/react';
import { useId } from 'react';
import { useRun } from '../../app-context';
import { formatNumber } from '../../tensor-view/format';
import { heatColour, type HeatScale, type OverlayMode } from './node-heat';
import './overlay.css';

const MODES: readonly { readonly value: OverlayMode; readonly label: string }[] = [
  { value: 'none', label: 'none' },
  { value: 'gradient', label: 'gradient magnitude' },
  { value: 'time', label: 'time per node' },
];

interface OverlayPanelProps {
  readonly mode: OverlayMode;
  readonly onChange: (mode: OverlayMode) => void;
  readonly scale: HeatScale | null;
}

/** The overlay's control and legend, in a corner of the canvas. */
export function OverlayPanel({ mode, onChange, scale }: OverlayPanelProps) {
  const id = useId();
  return (
    <Panel position="top-right" className="overlay-panel">
      <label htmlFor={id}>Colour nodes by</label>
      <select id={id} value={mode} onChange={(e) => onChange(e.target.value as OverlayMode)}>
        {MODES.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
      {mode !== 'none' && <OverlayLegend mode={mode} scale={scale} />}
    </Panel>
  );
}

function OverlayLegend({ mode, scale }: { mode: Exclude<OverlayMode, 'none'>; scale: HeatScale | null }) {
  const target = useRun((s) => s.gradientTarget);
  const executionMode = useRun((s) => s.mode);
  if (!scale) {
    const why =
      mode === 'gradient'
        ? target
          ? 'No gradient reaches any node yet.'
          : 'Choose a loss target in the side panel to see gradient magnitudes.'
        : executionMode === 'eager'
          ? 'No node has a time yet.'
          : 'Times per node come from eager runs: switch to Eager.';
    return <p className="overlay-note">{why}</p>;
  }
  const unit = mode === 'time' ? ' ms' : '';
  const caption =
    mode === 'gradient'
      ? 'gradient norm of each node’s output for the loss target, log scale'
      : `time per node in the last eager run${executionMode === 'eager' ? '' : ' (switch to Eager to update)'}`;
  return (
    <div
      className="overlay-legend"
      role="img"
      aria-label={`Legend: ${caption}, from ${formatNumber(scale.min)}${unit} to ${formatNumber(scale.max)}${unit}`}
    >
      <div className="overlay-legend-scale">
        <span>{formatNumber(scale.min)}</span>
        <span
          className="overlay-legend-bar"
          style={{ backgroundImage: `linear-gradient(to right, ${heatColour(mode, 0)}, ${heatColour(mode, 1)})` }}
        />
        <span>
          {formatNumber(scale.max)}
          {unit}
        </span>
      </div>
      <div className="overlay-legend-caption">{caption}</div>
    </div>
  );
}
