import { isTensorLiteral } from '../graph/attrs';
import type { DocumentSettings } from '../graph/document-settings';
import type { PortDecl, AttrValue, Graph, GraphNode, TensorLiteral } from '../graph/types';
import { formatPath } from './issues';
import { prettyJson } from './json-text';
import { CURRENT_VERSION, GRAPH_FORMAT, type AttrValueJson, type GraphFile } from './schema';
import { tensorToBase64, toTyped } from './tensor-bytes';
import { encodeTensorValue } from './tensor-values';

/** Tensors with more values than this are written as base64. */
export const BASE64_ABOVE = 64;

/**
 * The graph as a current-version file document. Throws a RangeError naming the field when a number
 * outside a tensor literal is NaN or ±Infinity: JSON cannot hold it, and only tensor values have a
 * spelling for it.
 */
export function toGraphFile(graph: Graph, settings: DocumentSettings = {}): GraphFile {
  const written = Object.entries(settings).filter(([, value]) => value !== undefined);
  return {
    format: GRAPH_FORMAT,
    version: CURRENT_VERSION,
    ...(graph.name !== undefined && { name: graph.name }),
    ...(graph.description !== undefined && { description: graph.description }),
    ...(graph.training !== undefined && { training: graph.training }),
    ...(written.length > 0 && { settings: Object.fromEntries(written) }),
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
export function serializeGraph(graph: Graph, settings?: DocumentSettings): string {
  return `${prettyJson(toGraphFile(graph, settings))}\n`;
}

function encodeNode(node: GraphNode, index: number): GraphFile['nodes'][number] {
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
  if (isTensorLiteral(value)) return encodeTensor(value);
  if (value.every((v): v is number => typeof v === 'number')) return value.map((v, i) => finite(v, [...path, i]));
  return (value as readonly PortDecl[]).map(({ name, dtype, shape }) => ({
    name,
    dtype,
    ...(shape && { shape: [...shape] }),
  }));
}

/**
 * Large tensors (a model's weights) go in binary, which is a third of the size of their JSON numbers
 * and parses without building a number per value; small ones stay readable. A value the dtype
 * cannot hold stays a JSON number, for validation to report rather than the writer to round off.
 */
function encodeTensor({ dtype, shape, values }: TensorLiteral): AttrValueJson {
  const binary = values.length > BASE64_ABOVE && toTyped(values, dtype);
  if (binary) return { dtype, shape: [...shape], base64: tensorToBase64(binary, dtype) };
  return { dtype, shape: [...shape], values: Array.from(values, (v) => encodeTensorValue(v, dtype)) };
}

function finite(value: number, path: PropertyKey[]): number {
  if (!Number.isFinite(value))
    throw new RangeError(
      `${formatPath(path)}: ${value} cannot be written to a graph file; only tensor values may be NaN or ±Infinity`,
    );
  return value;
}
