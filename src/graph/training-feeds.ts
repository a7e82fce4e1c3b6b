import { own } from './own';
import type { OpRegistry } from './registry';
import { formatShape, formatType } from './shape';
import type { OutputRef, TrainingSpec } from './training';
import type { Graph } from './types';
import { validateGraph } from './validate';

export type FedGraph =
  | { readonly ok: true; readonly graph: Graph; readonly spec: TrainingSpec }
  | { readonly ok: false; readonly error: string; readonly nodeId: string };

/**
 * The graph a training run computes: each Placeholder its setup feeds read from the output it
 * names (a dataset's, a generator script's) in its place, as a `feed_dict` would, and the setup's
 * outputs read there too (accuracy's labels may name a fed placeholder). A feed is refused
 * on the placeholder where the output is not there, or its rows do not have the placeholder's shape
 * past the first (batch) dimension, nor its dtype.
 */
export function fedGraph(graph: Graph, spec: TrainingSpec, registry: OpRegistry): FedGraph {
  const feeds = spec.feeds ?? [];
  if (!feeds.length) return { ok: true, graph, spec };
  const validation = validateGraph(graph, registry);
  const sources = new Map<string, OutputRef>();
  for (const { placeholder, from } of feeds) {
    const refuse = (why: string): FedGraph => ({ ok: false, nodeId: placeholder, error: `${placeholder}: ${why}` });
    const fed = validation.nodes.get(placeholder);
    if (fed?.op.name !== 'Placeholder') return refuse('only a Placeholder can be fed from another output');
    const source = validation.nodes.get(from.node);
    if (!source?.op.outputs.includes(from.port))
      return refuse(`there is no output ${from.node}.${from.port} to feed it`);
    const want = own(fed.types ?? {}, 'output');
    const have = own(source.types ?? {}, from.port);
    if (want && have && !rowsFit(want.shape, have.shape, want.dtype === have.dtype))
      return refuse(
        `it is ${formatType(want)}, and ${from.node}.${from.port} gives ${formatType(have)}: ` +
          `its rows must be ${formatShape(want.shape?.slice(1) ?? null)} ${want.dtype}`,
      );
    sources.set(placeholder, from);
  }
  const edges = graph.edges.map((e) => {
    const from = sources.get(e.source);
    return from ? { ...e, id: `${e.id}~fed`, source: from.node, sourcePort: from.port } : e;
  });
  const through = (ref: OutputRef): OutputRef => (ref.port === 'output' && sources.get(ref.node)) || ref;
  const { accuracy } = spec;
  return {
    ok: true,
    graph: { ...graph, edges },
    spec: {
      ...spec,
      loss: through(spec.loss),
      ...(accuracy && { accuracy: { prediction: through(accuracy.prediction), labels: through(accuracy.labels) } }),
    },
  };
}

/** Whether `have` gives rows of `want`'s shape past the first dimension (unknown dims fit anything). */
function rowsFit(
  want: readonly (number | null)[] | null,
  have: readonly (number | null)[] | null,
  sameDtype: boolean,
): boolean {
  if (!sameDtype) return false;
  if (want === null || have === null) return true;
  if (want.length !== have.length) return false;
  return want.slice(1).every((d, i) => d === null || have[i + 1] === null || d === have[i + 1]);
}
