import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Position } from '../../graph/types';
import { fittingLabel, LABEL_HEIGHT, labelWidth, type EdgeTensor } from './edge-tensor';
import { routeMidpoint, routePath } from './route-path';
import './tensor-edge.css';

export interface TensorEdgeData extends Record<string, unknown> {
  /** The last layout's route, while both ends are where it put them; else React Flow's curve. */
  readonly controls: readonly Position[] | null;
  /** Null while inference knows nothing of the source port (an invalid node). */
  readonly tensor: EdgeTensor | null;
}

export type TensorFlowEdge = Edge<TensorEdgeData, 'tensor'>;

/** An edge labelled with the type of the tensor it carries, as thick as that tensor's rank. */
export const TensorEdge = memo(function TensorEdge({
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  style,
  markerEnd,
  interactionWidth,
}: EdgeProps<TensorFlowEdge>) {
  let path: string;
  let label: Position;
  if (data?.controls) {
    const start = { x: sourceX, y: sourceY };
    const end = { x: targetX, y: targetY };
    path = routePath(start, data.controls, end);
    label = routeMidpoint(start, data.controls, end);
  } else {
    const [curve, x, y] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
    path = curve;
    label = { x, y };
  }
  const tensor = data?.tensor;
  const text = tensor ? fittingLabel(tensor, sourceX, targetX) : null;
  return (
    <>
      <BaseEdge
        path={path}
        style={tensor ? { ...style, strokeWidth: tensor.width } : style}
        markerEnd={markerEnd}
        interactionWidth={interactionWidth}
      />
      {text && (
        // The edge's accessible name says the type already: the drawn label is for the eye.
        <g className="tensor-edge-label" aria-hidden="true">
          <rect
            x={label.x - labelWidth(text) / 2}
            y={label.y - LABEL_HEIGHT / 2}
            width={labelWidth(text)}
            height={LABEL_HEIGHT}
            rx={3}
          />
          <text x={label.x} y={label.y}>
            {text}
          </text>
        </g>
      )}
    </>
  );
});
