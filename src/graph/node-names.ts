import { nodeLabel, type Graph } from './types';

/** A node as the user knows it: the name they gave it, else its id (also for an id no longer in the graph). */
export function nameOf(graph: Graph, id: string): string {
  const node = graph.nodes.find((n) => n.id === id);
  return node ? nodeLabel(node) : id;
}
