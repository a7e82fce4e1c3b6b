import { useInternalNode, ViewportPortal } from '@xyflow/react';
import { useId } from 'react';
import type { OpFlowNode } from '../canvas/OpNode';
import { linkPath, type Box } from './link-geometry';
import type { PlanLink } from './plan-marks';

const LABEL = 'merged (CSE)';
const LABEL_WIDTH = 84;
const LABEL_HEIGHT = 16;
/** The height of the marks above a node (plan.css's .plan-chips): a straight link keeps clear of them. */
const CHIPS_HEIGHT = 18;

/** The plan overlay's dashed links from each duplicate CSE merged to the node it merged into. */
export function PlanLinks({ links }: { links: readonly PlanLink[] }) {
  const arrow = useId();
  if (!links.length) return null;
  return (
    <ViewportPortal>
      <svg className="plan-links">
        <defs>
          <marker id={arrow} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">
            <path d="M 0 0 L 10 5 L 0 10 z" className="plan-link-arrow" />
          </marker>
        </defs>
        {links.map((link) => (
          <PlanLinkPath key={`${link.from}>${link.into}`} link={link} arrow={arrow} />
        ))}
      </svg>
    </ViewportPortal>
  );
}

function PlanLinkPath({ link, arrow }: { link: PlanLink; arrow: string }) {
  const from = boxOf(useInternalNode<OpFlowNode>(link.from));
  const into = boxOf(useInternalNode<OpFlowNode>(link.into));
  const path = from && into && linkPath(from, into, CHIPS_HEIGHT);
  if (!path) return null;
  const { label } = path;
  return (
    <g className="plan-link" role="img" aria-label={link.name}>
      <title>{link.explain}</title>
      <path d={path.d} markerEnd={`url(#${arrow})`} />
      <rect
        x={label.x - LABEL_WIDTH / 2}
        y={label.y - LABEL_HEIGHT / 2}
        width={LABEL_WIDTH}
        height={LABEL_HEIGHT}
        rx={3}
      />
      <text x={label.x} y={label.y}>
        {LABEL}
      </text>
    </g>
  );
}

function boxOf(node: ReturnType<typeof useInternalNode<OpFlowNode>>): Box | null {
  const { width, height } = node?.measured ?? {};
  if (!node || !width || !height) return null;
  return { ...node.internals.positionAbsolute, width, height };
}
