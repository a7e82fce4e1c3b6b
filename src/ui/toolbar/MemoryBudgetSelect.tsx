import { useState } from 'react';
import { defaultMaxBytes } from '../../runtime/memory-budget';
import { useApp, useRun } from '../app-context';
import { formatBytes } from '../format-bytes';

const MIB = 2 ** 20;

/** The budgets offered beside the backend's own default. */
const BUDGETS: readonly { bytes: number; label: string }[] = [
  { bytes: 256 * MIB, label: '256 MiB' },
  { bytes: 1024 * MIB, label: '1 GiB' },
  { bytes: 4096 * MIB, label: '4 GiB' },
];

const label = (bytes: number) => BUDGETS.find((b) => b.bytes === bytes)?.label ?? formatBytes(bytes);

/**
 * The memory budget of runs: the most one node's output may take. A node that would need more is
 * refused before anything is allocated, with the shape and size it needed, instead of freezing or
 * crashing the runtime. Kept in this browser; a change runs the graph again.
 */
export function MemoryBudgetSelect() {
  const app = useApp();
  const backend = useRun((s) => s.backend?.name);
  const [budget, setBudget] = useState(app.client.memoryBudget);
  const choose = (value: string) => {
    const bytes = value ? Number(value) : null;
    setBudget(bytes);
    void app.client.setMemoryBudget(bytes).then(() => app.runner.runNow());
  };
  return (
    <select
      aria-label="Memory budget"
      title="The most memory one node's output may take; a node that needs more is refused before it is computed"
      value={budget ?? ''}
      onChange={(e) => choose(e.target.value)}
    >
      <option value="">Memory: default{backend ? ` (${label(defaultMaxBytes(backend))})` : ''}</option>
      {BUDGETS.map((b) => (
        <option key={b.bytes} value={b.bytes}>
          Memory: {b.label}
        </option>
      ))}
      {/* A budget kept from elsewhere (another version's choices) is shown as it is. */}
      {budget !== null && !BUDGETS.some((b) => b.bytes === budget) && (
        <option value={budget}>Memory: {label(budget)}</option>
      )}
    </select>
  );
}
