import { BaseEdge, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Position } from '../../graph/types';
import { routePath } from './route-path';

export type RoutedFlowEdge = Edge<{ readonly controls: readonly Position[] }, 'routed'>;

/** An edge along the path the last layout routed around the nodes, from its handles as drawn. */
export const RoutedEdge = memo(function RoutedEdge({
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
  style,
  markerEnd,
  interactionWidth,
}: EdgeProps<RoutedFlowEdge>) {
  const path = routePath({ x: sourceX, y: sourceY }, data?.controls ?? [], { x: targetX, y: targetY });
  return <BaseEdge path={path} style={style} markerEnd={markerEnd} interactionWidth={interactionWidth} />;
});
