import { useCallback, useState } from 'react';
import { useStore } from 'zustand';
import { nameOf } from '../../graph/node-names';
import { Chart, type DrawChart } from '../tensor-view/Chart';
import { formatNumber } from '../tensor-view/format';
import { useApp, useDoc, useSelection } from '../app-context';
import { DecisionBoundary } from './DecisionBoundary';
import { TrainedVariable } from './TrainedVariable';
import { TrainingSetup } from './TrainingSetup';

/**
 * Trains the graph as its setup says, in the runtime host: Train, Pause, Resume, Reset; progress,
 * speed, the loss curve and the test figures; and Keep trained weights, one undo step.
 */
export function TrainingSection() {
  const app = useApp();
  const graph = useDoc((s) => s.graph);
  const setup = graph.training;
  const state = useStore(app.training);
  const [log, setLog] = useState(true);
  const { status, steps, target, epochs, losses, tests, stepsPerSecond, error, boundary, points, inspected } = state;
  const selected = useSelection((s) => (s.nodes.length === 1 ? s.nodes[0]! : null));
  const inspectedNode = useDoc((s) => s.graph.nodes.find((n) => n.id === inspected?.nodeId));
  const run = app.trainingRun;
  const draw = useCallback<DrawChart>(
    (plot, el, width) => plot.lossChart(el, { losses, tests, log }, width),
    [losses, tests, log],
  );
  const drawAccuracy = useCallback<DrawChart>((plot, el, width) => plot.accuracyChart(el, tests, width), [tests]);
  const accuracies = tests.filter((t) => t.accuracy !== null).length;
  const last = tests[tests.length - 1];
  const busy = status === 'starting' || status === 'running' || status === 'pausing' || status === 'stopping';
  const stoppable = status === 'running' || status === 'pausing' || status === 'paused';
  const trained = steps > 0 && status !== 'starting';

  return (
    <section aria-label="Training" className="panel-section training">
      <h3>Training</h3>
      <TrainingSetup disabled={busy} />
      {setup && (
        <div className="training-buttons" role="group" aria-label="Training controls">
          {status === 'paused' || status === 'pausing' ? (
            <button type="button" className="primary" onClick={() => void run.resume()}>
              Resume
            </button>
          ) : status === 'running' ? (
            <button type="button" onClick={() => run.pause()}>
              Pause
            </button>
          ) : (
            // aria-disabled, not disabled: the button keeps the focus it had when pressed, and turns into
            // Pause once the run has started.
            <button
              type="button"
              className="primary"
              aria-disabled={busy}
              onClick={() => {
                if (!busy) void run.start();
              }}
            >
              {status === 'idle' || status === 'starting' ? 'Train' : 'Train again'}
            </button>
          )}
          <button type="button" disabled={!stoppable} onClick={() => run.stop()}>
            Stop
          </button>
          <button type="button" disabled={status === 'idle'} onClick={() => void run.reset()}>
            Reset
          </button>
          <button type="button" disabled={!trained || busy} onClick={() => void run.keep()}>
            Keep trained weights
          </button>
        </div>
      )}
      {status !== 'idle' && (
        <>
          {status === 'starting' ? (
            <progress aria-label="Training progress" />
          ) : (
            <progress aria-label="Training progress" max={target} value={steps} />
          )}
          <p role="status" aria-label="Training status">
            {status === 'starting' ? 'Starting…' : `Step ${steps} of ${target}`}
            {epochs > 0 && ` · epoch ${epochs}`}
            {stepsPerSecond !== null && ` · ${stepsPerSecond.toFixed(0)} steps/s`}
            {status === 'pausing' && ' · pausing…'}
            {status === 'paused' && ' · paused'}
            {status === 'stopping' && ' · stopping…'}
            {status === 'stopped' && ' · stopped'}
            {status === 'done' && ' · done'}
          </p>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error.nodeId ? `${nameOf(graph, error.nodeId)}: ` : ''}
          {error.message}
        </p>
      )}
      {losses.length > 0 && (
        <dl className="training-figures" aria-label="Training figures">
          <dt>training loss</dt>
          <dd>{formatNumber(losses[losses.length - 1]!)}</dd>
          {last && (
            <>
              <dt>test loss</dt>
              <dd>{formatNumber(last.loss)}</dd>
            </>
          )}
          {last?.accuracy != null && (
            <>
              <dt>test accuracy</dt>
              <dd>{(last.accuracy * 100).toFixed(1)} %</dd>
            </>
          )}
        </dl>
      )}
      {inspected && inspected.nodeId === selected && inspectedNode && (
        <TrainedVariable inspected={inspected} name={inspectedNode.name ?? inspectedNode.id} />
      )}
      {boundary && <DecisionBoundary boundary={boundary} points={points} accuracy={last?.accuracy ?? null} />}
      {losses.length > 1 && (
        <>
          <Chart label={`Loss over ${losses.length} steps`} draw={draw} />
          <label className="attr">
            <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> log scale
          </label>
        </>
      )}
      {accuracies > 1 && <Chart label={`Test accuracy over ${steps} steps`} draw={drawAccuracy} />}
    </section>
  );
}
