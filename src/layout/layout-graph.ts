import { moveNodes } from '../graph/edits';
import type { Graph, Position } from '../graph/types';
import { elk } from './elk-engine';
import { positionsFrom, routesFrom, toElkGraph, type EdgeRoute } from './elk-graph';
import type { NodeBox } from './node-box';
import { placeUnplaced } from './place-unplaced';

/** A layout of a whole graph. */
export interface Layout {
  /** Each node's top-left corner, by node id. */
  readonly positions: ReadonlyMap<string, Position>;
  /** Each edge's path around the nodes, by edge id. */
  readonly routes: ReadonlyMap<string, EdgeRoute>;
}

/** A left-to-right layered layout of the whole graph. */
export async function layoutGraph(graph: Graph, boxes: ReadonlyMap<string, NodeBox>): Promise<Layout> {
  const laidOut = await (await elk()).layout(toElkGraph(graph, boxes));
  const positions = positionsFrom(laidOut, graph);
  return { positions, routes: routesFrom(laidOut, graph, positions) };
}

/**
 * The graph with every node placed: itself when all have positions; laid out whole when none
 * has; otherwise its placed nodes stay put and the others go where `placeUnplaced` says. The
 * routes are those of a whole layout, none when nodes kept their places.
 */
export async function withPositions(
  graph: Graph,
  boxes: ReadonlyMap<string, NodeBox>,
): Promise<{ readonly graph: Graph; readonly routes: ReadonlyMap<string, EdgeRoute> }> {
  const unplaced = graph.nodes.filter((n) => !n.position).length;
  if (!unplaced) return { graph, routes: new Map() };
  const { positions, routes } = await layoutGraph(graph, boxes);
  if (unplaced === graph.nodes.length) return { graph: moveNodes(graph, positions), routes };
  return { graph: moveNodes(graph, placeUnplaced(graph, boxes, positions)), routes: new Map() };
}
