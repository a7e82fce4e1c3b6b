import { useState } from 'react';
import type { NodeCost, Timeline } from '../../runtime/reports';
import { barName, formatMs, kernelList, plural, ticks } from './timeline-format';

export interface Lane {
  readonly mode: 'eager' | 'graph';
  readonly timeline: Timeline;
}

interface Focused {
  readonly mode: Lane['mode'];
  readonly cost: NodeCost;
}

/**
 * The lanes on one time axis: a bar per step at its start, as long as it took, with marks under it
 * for its readbacks, uploads and script calls. Hovering or focusing a bar lists its kernels.
 */
export function TimelineLanes({ lanes, names }: { lanes: readonly Lane[]; names: ReadonlyMap<string, string> }) {
  const [focused, setFocused] = useState<Focused | null>(null);
  const span = Math.max(
    ...lanes.flatMap(({ timeline }) => [timeline.totalMs, ...timeline.nodes.map((n) => n.startMs + n.ms)]),
  );
  const at = (ms: number) => `${span > 0 ? (ms / span) * 100 : 0}%`;
  const nameOf = (id: string) => names.get(id) ?? id;

  return (
    <div className="timeline">
      <div className="timeline-axis" aria-hidden="true">
        {ticks(span).map((t) => (
          <span key={t} className="timeline-tick" style={{ left: at(t) }}>
            {t} ms
          </span>
        ))}
      </div>
      {lanes.map(({ mode, timeline }) => {
        const last = timeline.nodes.at(-1);
        const stepsEnd = last ? last.startMs + last.ms : 0;
        // Graph mode waits for its outputs once, after queueing every step.
        const wait = mode === 'graph' ? timeline.totalMs - stepsEnd : 0;
        return (
          <div key={mode} className="timeline-lane-row">
            <span className="timeline-lane-name">{mode}</span>
            <ul className="timeline-lane" aria-label={`${mode} steps`}>
              {timeline.nodes.map((cost, i) => (
                <li key={i} className="timeline-slot" style={{ left: at(cost.startMs), width: at(cost.ms) }}>
                  <button
                    type="button"
                    className={`timeline-bar timeline-bar-${mode}${focused?.cost === cost ? ' focused' : ''}`}
                    aria-label={barName(nameOf(cost.nodeId), cost)}
                    onFocus={() => setFocused({ mode, cost })}
                    onMouseEnter={() => setFocused({ mode, cost })}
                    onClick={() => setFocused({ mode, cost })}
                  >
                    <span aria-hidden="true">{nameOf(cost.nodeId)}</span>
                  </button>
                  <Marks cost={cost} />
                </li>
              ))}
              {wait > 0.005 && (
                <li className="timeline-slot timeline-wait" style={{ left: at(stepsEnd), width: at(wait) }}>
                  <span className="timeline-hidden-text">waiting for the outputs: {formatMs(wait)}</span>
                </li>
              )}
            </ul>
          </div>
        );
      })}
      <p className="timeline-details" aria-live="polite">
        {focused ? (
          <>
            <strong>
              {nameOf(focused.cost.nodeId)} ({focused.mode})
            </strong>
            : from {formatMs(focused.cost.startMs)}, {formatMs(focused.cost.ms)}; kernels: {kernelList(focused.cost)};{' '}
            {plural(focused.cost.readbacks, 'readback')}, {plural(focused.cost.uploads, 'upload')},{' '}
            {plural(focused.cost.scriptCalls, 'script call')}.
          </>
        ) : (
          <span className="muted">Point at or focus a bar to see its kernels.</span>
        )}
      </p>
    </div>
  );
}

/** A mark per readback, upload and script call, drawn under the bar (the bar's name says the counts). */
function Marks({ cost }: { cost: NodeCost }) {
  const marks = [
    ...Array<string>(cost.readbacks).fill('readback'),
    ...Array<string>(cost.uploads).fill('upload'),
    ...Array<string>(cost.scriptCalls).fill('script'),
  ];
  if (!marks.length) return null;
  return (
    <span className="timeline-marks" aria-hidden="true">
      {marks.map((kind, i) => (
        <span key={i} className={`timeline-mark timeline-mark-${kind}`} />
      ))}
    </span>
  );
}

/** What the marks and bars mean. */
export function TimelineLegend() {
  return (
    <ul className="timeline-legend" aria-label="Legend">
      <li>
        <span className="timeline-swatch timeline-bar-eager" aria-hidden="true" /> eager step
      </li>
      <li>
        <span className="timeline-swatch timeline-bar-graph" aria-hidden="true" /> graph step
      </li>
      <li>
        <span className="timeline-swatch timeline-wait" aria-hidden="true" /> waiting for the outputs
      </li>
      <li>
        <span className="timeline-mark timeline-mark-readback" aria-hidden="true" /> readback: a sync, the device's
        value read by the host
      </li>
      <li>
        <span className="timeline-mark timeline-mark-upload" aria-hidden="true" /> upload: a value sent to the device
      </li>
      <li>
        <span className="timeline-mark timeline-mark-script" aria-hidden="true" /> script call
      </li>
    </ul>
  );
}
