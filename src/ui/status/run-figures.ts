import type { RunReport } from '../../runtime/reports';
import { formatBytes as bytes } from '../format-bytes';

/**
 * The status bar's line about a run. Steps an eager run took over from the previous one are
 * counted: a run that reused every value (after Compare, say) otherwise reads as a 0 ms run.
 */
export function runFigures(r: RunReport): string {
  const reused = r.nodes.filter((n) => n.reused).length;
  const steps = `${r.stepsRun}/${r.stepsTotal} steps${reused ? ` (${reused} reused)` : ''}`;
  return `${r.mode} run ${r.totalMs.toFixed(1)} ms · ${steps} · peak ${r.peakTensors} tensors (${bytes(r.peakBytes)}) · ${r.tensorsAlive} alive (${bytes(r.bytesAlive)})`;
}
