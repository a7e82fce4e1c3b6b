import { useMemo } from 'react';
import {
  OPTIMIZER_DEFAULTS,
  OPTIMIZER_NAMES,
  type OptimizerName,
  type OutputRef,
  type TrainingSpec,
} from '../../graph/training';
import { nodeLabel, type Graph } from '../../graph/types';
import { upstreamCone } from '../../graph/upstream-cone';
import type { ResolvedNode } from '../../graph/validate';
import { registry } from '../../ops/registry';
import { validationOf } from '../../store/document-store';
import { useApp, useDoc } from '../app-context';
import { TrainingFeeds } from './TrainingFeeds';
import { TrainingLength } from './TrainingLength';
import { AT_LEAST_ZERO, POSITIVE, TrainingNumberField } from './TrainingNumberField';
import { TrainingOptimizerFields } from './TrainingOptimizerFields';
import { TrainingVariables } from './TrainingVariables';

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

/** The nodes that node `id` is computed from, itself included, in the graph's order. */
function upstreamOf(graph: Graph, id: string): ResolvedNode[] {
  const { index } = validationOf(graph);
  const from = index.positionOf.get(id);
  if (from === undefined) return [];
  const { inCone } = upstreamCone(index, [from]);
  return index.resolved.filter((n, p): n is ResolvedNode => n !== undefined && inCone[p] === 1);
}

/**
 * What the graph trains and how: the loss (a scalar float32 output), the optimizer and its
 * settings, L1/L2 penalties, how long a run takes, and the variables it will train. Each change is
 * an edit of the document (undoable, saved with it).
 */
export function TrainingSetup({ disabled }: { disabled: boolean }) {
  const app = useApp();
  const graph = useDoc((s) => s.graph);
  const setup = graph.training;
  const losses = useMemo(() => lossCandidates(graph), [graph]);
  const set = (training: TrainingSpec) => app.doc.getState().setTraining(training);
  const key = (ref: OutputRef) => JSON.stringify([ref.node, ref.port]);
  const lossNodeId = setup?.loss.node;
  const upstream = useMemo(() => (lossNodeId ? upstreamOf(graph, lossNodeId) : []), [graph, lossNodeId]);
  const isDataset = (op: string | undefined) => op !== undefined && registry.get(op)?.dataset !== undefined;
  const hasDataset =
    upstream.some((n) => isDataset(n.node.op)) ||
    (setup?.feeds ?? []).some((f) => isDataset(graph.nodes.find((n) => n.id === f.from.node)?.op));

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
  const lossNode = graph.nodes.find((n) => n.id === setup.loss.node);
  const lossLabel = `${lossNode ? nodeLabel(lossNode) : setup.loss.node}.${setup.loss.port}`;
  return (
    <fieldset className="training-setup" disabled={disabled}>
      <legend className="muted">Setup</legend>
      <label className="attr">
        <span className="attr-label">Loss</span>
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
        <span className="attr-label">Optimizer</span>
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
      <TrainingNumberField
        label="Learning rate"
        value={setup.optimizer.learningRate}
        rule={POSITIVE}
        onCommit={(learningRate) => set({ ...setup, optimizer: { ...setup.optimizer, learningRate } })}
      />
      <TrainingOptimizerFields
        key={setup.optimizer.name}
        optimizer={setup.optimizer}
        onChange={(optimizer) => set({ ...setup, optimizer })}
      />
      <TrainingNumberField
        label="L1"
        name="L1 regularization"
        value={setup.regularization.l1}
        rule={AT_LEAST_ZERO}
        onCommit={(l1) => set({ ...setup, regularization: { ...setup.regularization, l1 } })}
      />
      <TrainingNumberField
        label="L2"
        name="L2 regularization"
        value={setup.regularization.l2}
        rule={AT_LEAST_ZERO}
        onCommit={(l2) => set({ ...setup, regularization: { ...setup.regularization, l2 } })}
      />
      <TrainingFeeds setup={setup} upstream={upstream} nodes={validationOf(graph).nodes} onChange={set} />
      <TrainingLength setup={setup} hasDataset={hasDataset} onChange={set} />
      <TrainingVariables lossLabel={lossLabel} upstream={upstream} />
    </fieldset>
  );
}
