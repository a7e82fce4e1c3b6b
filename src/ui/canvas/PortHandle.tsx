import { Handle, Position } from '@xyflow/react';
import type { KeyboardEvent } from 'react';
import { useCanvasActions } from './canvas-actions';
import type { PortView } from './node-view-model';

/**
 * A port of a node: a React Flow handle to drag wires from, and a tab stop named after the node as
 * the user knows it ("Output y of sin(x)"), where Enter opens Connect….
 */
export function PortHandle({
  side,
  node,
  nodeLabel,
  port,
  title,
}: {
  side: 'input' | 'output';
  node: string;
  nodeLabel: string;
  port: PortView;
  title: string;
}) {
  const actions = useCanvasActions();
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.key !== 'Enter' && e.key !== ' ') || !actions) return;
    // The node around would take Enter as "select me".
    e.preventDefault();
    e.stopPropagation();
    const box = e.currentTarget.getBoundingClientRect();
    actions.openConnect(
      { node, port: port.id, side },
      { x: side === 'output' ? box.right + 8 : box.left - 8, y: box.top },
    );
  };
  return (
    <Handle
      type={side === 'output' ? 'source' : 'target'}
      position={side === 'output' ? Position.Right : Position.Left}
      id={port.id}
      tabIndex={0}
      role="button"
      aria-label={`${side === 'output' ? 'Output' : 'Input'} ${port.label} of ${nodeLabel}`}
      aria-haspopup="dialog"
      aria-keyshortcuts="Enter"
      title={title}
      onKeyDown={onKeyDown}
    />
  );
}
