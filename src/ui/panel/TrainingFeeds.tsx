import type { TrainingSpec } from '../../graph/training';
import { nodeLabel } from '../../graph/types';
import type { ResolvedNode } from '../../graph/validate';
import { registry } from '../../ops/registry';

/**
 * For each Placeholder the loss is computed from, what a run feeds it (a `feed_dict`): its own
 * value, or an output of a dataset node or a script (a generator) of the same dtype.
 */
export function TrainingFeeds({
  setup,
  upstream,
  nodes,
  onChange,
}: {
  setup: TrainingSpec;
  upstream: readonly ResolvedNode[];
  nodes: ReadonlyMap<string, ResolvedNode>;
  onChange: (setup: TrainingSpec) => void;
}) {
  const placeholders = upstream.filter((n) => n.node.op === 'Placeholder');
  if (!placeholders.length) return null;
  const sources = [...nodes.values()].filter((n) => registry.get(n.node.op)?.dataset || n.op.kind === 'script');
  const feeds = setup.feeds ?? [];
  const key = (node: string, port: string) => JSON.stringify([node, port]);
  const feed = (placeholder: string, chosen: string) => {
    const rest = feeds.filter((f) => f.placeholder !== placeholder);
    const [node, port] = chosen ? (JSON.parse(chosen) as [string, string]) : [];
    const next = node && port ? [...rest, { placeholder, from: { node, port } }] : rest;
    const { feeds: _, ...without } = setup;
    onChange(next.length ? { ...without, feeds: next } : without);
  };
  return (
    <>
      {placeholders.map((p) => {
        const name = nodeLabel(p.node);
        const fed = feeds.find((f) => f.placeholder === p.node.id);
        const dtype = p.types?.['output']?.dtype;
        return (
          <label className="attr" key={p.node.id}>
            <span className="attr-label">Feed {name}</span>
            <select
              aria-label={`Feed ${name} from`}
              value={fed ? key(fed.from.node, fed.from.port) : ''}
              onChange={(e) => feed(p.node.id, e.target.value)}
            >
              <option value="">its value</option>
              {sources.flatMap((s) =>
                s.op.outputs
                  .filter((port) => !dtype || s.types?.[port]?.dtype === dtype)
                  .map((port) => (
                    <option key={key(s.node.id, port)} value={key(s.node.id, port)}>
                      {nodeLabel(s.node)}.{port}
                    </option>
                  )),
              )}
            </select>
          </label>
        );
      })}
    </>
  );
}
