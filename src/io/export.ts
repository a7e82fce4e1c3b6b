import { isTensorLiteral } from '../graph/attrs';
import type { PortDecl, AttrValue, Graph, GraphNode } from '../graph/types';
import { formatPath } from './issues';
import { prettyJson } from './json-text';
import { CURRENT_VERSION, GRAPH_FORMAT, type AttrValueJson, type GraphFileV1 } from './schema';
import { encodeTensorValue } from './tensor-values';

/**
 * The graph as a current-version file document. Throws a RangeError naming the field when a number
 * outside a tensor literal is NaN or ±Infinity: JSON cannot hold it, and only tensor values have a
 * spelling for it.
 */
export function toGraphFile(graph: Graph): GraphFileV1 {
  return {
    format: GRAPH_FORMAT,
    version: CURRENT_VERSION,
    ...(graph.name !== undefined && { name: graph.name }),
    ...(graph.description !== undefined && { description: graph.description }),
    nodes: graph.nodes.map(encodeNode),
    edges: graph.edges.map(({ id, source, sourcePort, target, targetPort }) => ({
      id,
      source,
      sourcePort,
      target,
      targetPort,
    })),
  };
}

/** The file's text: pretty JSON ending in a newline. */
export function serializeGraph(graph: Graph): string {
  return `${prettyJson(toGraphFile(graph))}\n`;
}

function encodeNode(node: GraphNode, index: number): GraphFileV1['nodes'][number] {
  const path = ['nodes', index];
  return {
    id: node.id,
    op: node.op,
    ...(node.name !== undefined && { name: node.name }),
    attrs: Object.fromEntries(
      Object.entries(node.attrs).map(([key, value]) => [key, encodeAttr(value, [...path, 'attrs', key])]),
    ),
    ...(node.position && {
      position: {
        x: finite(node.position.x, [...path, 'position', 'x']),
        y: finite(node.position.y, [...path, 'position', 'y']),
      },
    }),
  };
}

function encodeAttr(value: AttrValue, path: PropertyKey[]): AttrValueJson {
  if (typeof value === 'number') return finite(value, path);
  if (value === null || typeof value !== 'object') return value;
  if (isTensorLiteral(value))
    return {
      dtype: value.dtype,
      shape: [...value.shape],
      values: value.values.map((v) => encodeTensorValue(v, value.dtype)),
    };
  if (value.every((v): v is number => typeof v === 'number')) return value.map((v, i) => finite(v, [...path, i]));
  return (value as readonly PortDecl[]).map(({ name, dtype, shape }) => ({
    name,
    dtype,
    ...(shape && { shape: [...shape] }),
  }));
}

function finite(value: number, path: PropertyKey[]): number {
  if (!Number.isFinite(value))
    throw new RangeError(
      `${formatPath(path)}: ${value} cannot be written to a graph file; only tensor values may be NaN or ±Infinity`,
    );
  return value;
}
