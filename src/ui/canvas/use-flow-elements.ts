import { useMemo } from 'react';
import { nodeLabel, type Graph, type Position } from '../../graph/types';
import { own } from '../../graph/own';
import { registry } from '../../ops/registry';
import type { RunReport } from '../../runtime/reports';
import { validationOf } from '../../store/document-store';
import { useApp, useDoc, useRun, useSelection } from '../app-context';
import { attrSummary, inputPorts, outputPorts, statusOf, type OpNodeData } from './node-view-model';
import { edgeTensor } from './edge-tensor';
import type { OpFlowNode } from './OpNode';
import type { NodeHeat } from './overlay/node-heat';
import type { NodePlan } from '../plan/plan-marks';
import type { TensorFlowEdge } from './TensorEdge';

export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

interface Cached {
  readonly key: string;
  readonly node: OpFlowNode;
}

/** Per editor, the node objects of the last build, by id. */
const caches = new WeakMap<object, Map<string, Cached>>();
function nodeCache(owner: object): Map<string, Cached> {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  return cache;
}

/**
 * React Flow's nodes and edges for the document, with the latest run's results. A node object is
 * reused while what it shows is unchanged, so that memoized node components skip re-rendering.
 */
export function useFlowElements(
  measured: ReadonlyMap<string, Dimensions>,
  heats: ReadonlyMap<string, NodeHeat>,
  plans: ReadonlyMap<string, NodePlan>,
): {
  nodes: OpFlowNode[];
  edges: TensorFlowEdge[];
} {
  const graph = useDoc((s) => s.graph);
  const routes = useDoc((s) => s.routes);
  const report = useRun((s) => s.report);
  const stale = useRun((s) => s.stale);
  const running = useRun((s) => s.running);
  const excluded = useRun((s) => s.excluded);
  const selectedNodes = useSelection((s) => s.nodes);
  const selectedEdges = useSelection((s) => s.edges);
  const app = useApp();

  const nodes = useMemo(() => {
    const selected = new Set(selectedNodes);
    const cache = nodeCache(app);
    const next = new Map<string, Cached>();
    const list = buildNodeData(graph, report, stale, running, excluded, heats, plans).map(({ id, position, data }) => {
      const isSelected = selected.has(id);
      const size = measured.get(id);
      const key = `${position.x},${position.y},${isSelected},${size?.width},${size?.height},${JSON.stringify(data)}`;
      const previous = cache.get(id);
      const node: OpFlowNode =
        previous?.key === key
          ? previous.node
          : { id, type: 'op', position, data, selected: isSelected, ...(size && { measured: size }) };
      next.set(id, { key, node });
      return node;
    });
    cache.clear();
    for (const [id, entry] of next) cache.set(id, entry);
    return list;
  }, [app, graph, report, stale, running, excluded, selectedNodes, measured, heats, plans]);

  const edges = useMemo(() => {
    const selected = new Set(selectedEdges);
    const at = new Map(graph.nodes.map((n) => [n.id, n.position]));
    const unmoved = (id: string, then: Position) => at.get(id)?.x === then.x && at.get(id)?.y === then.y;
    const names = new Map(graph.nodes.map((n) => [n.id, nodeLabel(n)]));
    const nameOf = (id: string) => names.get(id) ?? id;
    const validation = validationOf(graph);
    const actual = new Map(report?.nodes.map((n) => [n.nodeId, n.outputs]));
    return graph.edges.map((e): TensorFlowEdge => {
      // The layout's route, while both its nodes are where the layout put them; else React Flow's curve.
      const route = routes.get(e.id);
      const routed = route && unmoved(e.source, route.source) && unmoved(e.target, route.target);
      const types = validation.nodes.get(e.source)?.types;
      const outputs = actual.get(e.source);
      const tensor = edgeTensor(types && own(types, e.sourcePort), outputs && own(outputs, e.sourcePort));
      return {
        type: 'tensor',
        id: e.id,
        source: e.source,
        sourceHandle: e.sourcePort,
        target: e.target,
        targetHandle: e.targetPort,
        selected: selected.has(e.id),
        ariaLabel: `Edge from ${nameOf(e.source)}.${e.sourcePort} to ${nameOf(e.target)}.${e.targetPort}${tensor ? `, ${tensor.label}` : ''}`,
        data: { controls: routed ? route.controls : null, tensor },
      };
    });
  }, [graph, routes, selectedEdges, report]);

  return { nodes, edges };
}

function buildNodeData(
  graph: Graph,
  report: RunReport | null,
  stale: boolean,
  running: boolean,
  excluded: Readonly<Record<string, string>>,
  heats: ReadonlyMap<string, NodeHeat>,
  plans: ReadonlyMap<string, NodePlan>,
) {
  const validation = validationOf(graph);
  const byNode = new Map(report?.nodes.map((n) => [n.nodeId, n]));
  const diagnostics = new Map<string, string>();
  for (const d of validation.diagnostics) {
    for (const id of d.cycle ?? (d.nodeId ? [d.nodeId] : [])) if (!diagnostics.has(id)) diagnostics.set(id, d.message);
  }
  return graph.nodes.map((node) => {
    const op = registry.get(node.op);
    const resolved = validation.nodes.get(node.id);
    const nodeReport = byNode.get(node.id);
    const left = excluded[node.id];
    const { status, message } = !op
      ? { status: 'invalid' as const, message: diagnostics.get(node.id) ?? `unknown op ${node.op}` }
      : left
        ? { status: left.startsWith('timed out') ? ('error' as const) : ('skipped' as const), message: left }
        : statusOf(nodeReport, diagnostics.get(node.id), stale, running);
    const data: OpNodeData = {
      op: node.op,
      label: node.name ?? node.id,
      inputs: op ? inputPorts(node, op, validation) : [],
      outputs: op ? outputPorts((resolved?.op ?? op).outputs, resolved?.types, nodeReport) : [],
      attrs: op ? attrSummary(node, op) : '',
      status,
      message,
      warning: nodeReport?.warnings?.join(' ') ?? null,
      ms: nodeReport?.ms ?? null,
      current: report?.current === node.id && report.stepsRun < report.stepsTotal,
      heat: heats.get(node.id) ?? null,
      plan: plans.get(node.id) ?? null,
    };
    return { id: node.id, position: node.position ?? { x: 0, y: 0 }, data };
  });
}
