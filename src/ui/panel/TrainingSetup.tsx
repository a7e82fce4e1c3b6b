import { useMemo } from 'react';
import type { Graph } from '../../graph/types';
import { OPTIMIZER_DEFAULTS, OPTIMIZER_NAMES, type OptimizerName, type TrainingSpec } from '../../graph/training';
import { validationOf } from '../../store/document-store';
import { useApp, useDoc } from '../app-context';

const OPTIMIZER_LABELS: Readonly<Record<OptimizerName, string>> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  adam: 'Adam',
  rmsprop: 'RMSProp',
  adagrad: 'Adagrad',
};

/** The scalar float32 outputs a graph could minimize, as {node, port}: those nothing reads (a loss, most likely) first. */
function lossCandidates(graph: Graph) {
  const read = new Set(graph.edges.map((e) => e.source));
  const candidates: { node: string; port: string; label: string }[] = [];
  for (const n of validationOf(graph).nodes.values())
    for (const port of n.op.outputs) {
      const type = n.types?.[port];
      if (type?.dtype === 'float32' && type.shape?.length === 0)
        candidates.push({ node: n.node.id, port, label: `${n.node.name ?? n.node.id}.${port}` });
    }
  return candidates.sort((a, b) => Number(read.has(a.node)) - Number(read.has(b.node)));
}

/**
 * What the graph trains and how: the loss (a scalar float32 output), the optimizer, its learning
 * rate and the number of steps. Each change is an edit of the document (undoable, saved with it).
 */
export function TrainingSetup({ disabled }: { disabled: boolean }) {
  const app = useApp();
  const graph = useDoc((s) => s.graph);
  const setup = graph.training;
  const losses = useMemo(() => lossCandidates(graph), [graph]);
  const set = (training: TrainingSpec) => app.doc.getState().setTraining(training);
  const key = (ref: { node: string; port: string }) => JSON.stringify([ref.node, ref.port]);

  if (!setup) {
    const first = losses[0];
    return (
      <div className="training-setup">
        {first ? (
          <button
            type="button"
            onClick={() =>
              set({ loss: first, steps: 300, optimizer: OPTIMIZER_DEFAULTS.adam, regularization: { l1: 0, l2: 0 } })
            }
          >
            Set up training
          </button>
        ) : (
          <p className="muted">Training needs a scalar float32 output to minimize (a loss).</p>
        )}
      </div>
    );
  }
  return (
    <fieldset className="training-setup" disabled={disabled}>
      <legend className="muted">Setup</legend>
      <label className="attr">
        Loss
        <select
          aria-label="Loss to minimize"
          value={key(setup.loss)}
          onChange={(e) => {
            const [node, port] = JSON.parse(e.target.value) as [string, string];
            set({ ...setup, loss: { node, port } });
          }}
        >
          {!losses.some((l) => key(l) === key(setup.loss)) && (
            <option value={key(setup.loss)}>{`${setup.loss.node}.${setup.loss.port} (not a scalar)`}</option>
          )}
          {losses.map((l) => (
            <option key={key(l)} value={key(l)}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <label className="attr">
        Optimizer
        <select
          aria-label="Optimizer"
          value={setup.optimizer.name}
          onChange={(e) => {
            const name = e.target.value as OptimizerName;
            set({ ...setup, optimizer: { ...OPTIMIZER_DEFAULTS[name], learningRate: setup.optimizer.learningRate } });
          }}
        >
          {OPTIMIZER_NAMES.map((name) => (
            <option key={name} value={name}>
              {OPTIMIZER_LABELS[name]}
            </option>
          ))}
        </select>
      </label>
      <label className="attr">
        Learning rate
        <input
          aria-label="Learning rate"
          type="number"
          min={0}
          step="any"
          defaultValue={setup.optimizer.learningRate}
          key={`lr-${setup.optimizer.learningRate}`}
          onBlur={(e) => {
            const rate = Number(e.target.value);
            if (rate > 0 && Number.isFinite(rate))
              set({ ...setup, optimizer: { ...setup.optimizer, learningRate: rate } });
            else e.target.value = String(setup.optimizer.learningRate);
          }}
        />
      </label>
      <label className="attr">
        Steps
        <input
          aria-label="Training steps"
          type="number"
          min={1}
          step={1}
          defaultValue={setup.steps}
          key={`steps-${setup.steps}`}
          onBlur={(e) => {
            const steps = Number(e.target.value);
            if (Number.isInteger(steps) && steps >= 1 && steps <= 10_000_000) set({ ...setup, steps });
            else e.target.value = String(setup.steps);
          }}
        />
      </label>
    </fieldset>
  );
}
