import { useCallback } from 'react';
import { inputsFor, outputsFor } from '../../graph/port-fit';
import { nodeLabel, type Graph, type Position } from '../../graph/types';
import { validationOf } from '../../store/document-store';
import { useApp } from '../app-context';
import type { PortEnd } from './canvas-actions';
import { connectPorts } from './connect-ports';
import { PickList, type PickItem } from './PickList';
import { portLabel } from './port-label';

const SEPARATOR = '\u0000';

function nameOf(graph: Graph, id: string): string {
  const node = graph.nodes.find((n) => n.id === id);
  return node ? nodeLabel(node) : id;
}

/**
 * Connect… from a focused port: the ports of other nodes it can be wired to (dtype accepted, no
 * cycle), searchable; the chosen one is wired. From an output, the inputs; from an input, the outputs.
 */
export function ConnectList({ from, at, onClose }: { from: PortEnd; at: Position; onClose: () => void }) {
  const app = useApp();
  const search = useCallback(
    (query: string): PickItem[] => {
      const { graph } = app.doc.getState();
      const validation = validationOf(graph);
      const choices =
        from.side === 'output'
          ? inputsFor(graph, validation, from.node, from.port)
          : outputsFor(graph, validation, from.node, from.port);
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const kind = from.side === 'output' ? 'Input' : 'Output';
      return choices
        .map((c) => ({
          key: `${c.node}${SEPARATOR}${c.port}`,
          label: `${kind} ${portLabel(c.port)} of ${nameOf(graph, c.node)}`,
          detail: c.fed ? 'replaces its wire' : undefined,
        }))
        .filter((item) => words.every((w) => item.label.toLowerCase().includes(w)));
    },
    [app, from],
  );

  const pick = (key: string) => {
    const [node, port] = key.split(SEPARATOR) as [string, string];
    const [source, target] =
      from.side === 'output'
        ? [
            { node: from.node, port: from.port },
            { node, port },
          ]
        : [{ node, port }, from];
    connectPorts(app, { source: source.node, sourcePort: source.port, target: target.node, targetPort: target.port });
    onClose();
  };

  const { graph } = app.doc.getState();
  const here = `${from.side === 'output' ? 'output' : 'input'} ${portLabel(from.port)} of ${nameOf(graph, from.node)}`;
  return (
    <PickList
      at={at}
      title={`Connect ${here}`}
      searchLabel={`Search ports to connect to`}
      listLabel={from.side === 'output' ? 'Compatible inputs' : 'Compatible outputs'}
      placeholder="Connect to…"
      search={search}
      empty="No port fits."
      onPick={pick}
      onClose={onClose}
    />
  );
}
