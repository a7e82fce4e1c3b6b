import { useMemo } from 'react';
import { useRun } from '../../app-context';
import { gradientMagnitudes, nodeHeats, nodeTimes, type HeatScale, type NodeHeat, type OverlayMode } from './node-heat';

export interface NodeHeatView {
  readonly heats: ReadonlyMap<string, NodeHeat>;
  readonly scale: HeatScale | null;
}

const NONE: NodeHeatView = { heats: new Map(), scale: null };

/** The overlay's colours from the run store: gradients for the side panel's loss target, or the eager run's step times. */
export function useNodeHeat(mode: OverlayMode): NodeHeatView {
  const gradients = useRun((s) => (mode === 'gradient' ? s.gradients : null));
  const report = useRun((s) => (mode === 'time' ? s.report : null));
  return useMemo(() => {
    if (mode === 'gradient') return nodeHeats(mode, gradientMagnitudes(gradients));
    if (mode === 'time') return nodeHeats(mode, nodeTimes(report));
    return NONE;
  }, [mode, gradients, report]);
}
