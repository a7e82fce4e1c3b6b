import { useInternalNode, ViewportPortal } from '@xyflow/react';
import { useId } from 'react';
import type { OpFlowNode } from '../canvas/OpNode';
import { linkBetween, type Box } from './link-geometry';
import type { PlanLink } from './plan-marks';

const LABEL = 'merged (CSE)';
const LABEL_WIDTH = 84;
const LABEL_HEIGHT = 16;
/** The height of the marks above a node (plan.css's .plan-chips): a link starts and ends clear of them. */
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
  const ends = from && into && linkBetween(from, into);
  if (!ends) return null;
  const mid = { x: (ends.from.x + ends.to.x) / 2, y: (ends.from.y + ends.to.y) / 2 };
  return (
    <g className="plan-link" role="img" aria-label={link.name}>
      <title>{link.explain}</title>
      <line x1={ends.from.x} y1={ends.from.y} x2={ends.to.x} y2={ends.to.y} markerEnd={`url(#${arrow})`} />
      <rect x={mid.x - LABEL_WIDTH / 2} y={mid.y - LABEL_HEIGHT / 2} width={LABEL_WIDTH} height={LABEL_HEIGHT} rx={3} />
      <text x={mid.x} y={mid.y}>
        {LABEL}
      </text>
    </g>
  );
}

function boxOf(node: ReturnType<typeof useInternalNode<OpFlowNode>>): Box | null {
  const { width, height } = node?.measured ?? {};
  if (!node || !width || !height) return null;
  const { x, y } = node.internals.positionAbsolute;
  return { x, y: y - CHIPS_HEIGHT, width, height: height + CHIPS_HEIGHT };
}
