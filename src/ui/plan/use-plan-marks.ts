import { useMemo } from 'react';
import { useDoc, useRun } from '../app-context';
import { planMarks, type PlanMarks } from './plan-marks';

/** The plan overlay's marks from the last graph-mode run, while `shown`. */
export function usePlanMarks(shown: boolean): PlanMarks {
  const graph = useDoc((s) => s.graph);
  const report = useRun((s) => (shown && s.mode === 'graph' ? s.report : null));
  return useMemo(() => planMarks(graph, report), [graph, report]);
}
