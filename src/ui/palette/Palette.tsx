import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type DragEvent } from 'react';
import { INT32_AS_FLOAT } from '../../ops/backend-limits';
import { useApp } from '../app-context';
import { addNodeAt } from '../canvas/add-node';
import type { OpFlowNode } from '../canvas/OpNode';
import { CATEGORY_LABELS, groupByCategory, searchOps } from './op-search';

export const OP_DRAG_TYPE = 'application/x-tensorloom-op';

/** Every op, grouped by category and filterable; drag one onto the canvas, or press it to add it. */
export function Palette() {
  const app = useApp();
  const flow = useReactFlow<OpFlowNode>();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => groupByCategory(searchOps(query)), [query]);

  /** Beside the selected node, else in the middle of the view: on a free spot either way. */
  const addInView = (op: string) => {
    const canvas = document.getElementById('canvas');
    if (canvas) addNodeAt(app, flow, canvas, op, 'in-view');
  };

  return (
    <nav className="palette" aria-label="Op palette">
      <input
        className="palette-filter"
        type="search"
        placeholder="Filter ops…"
        aria-label="Filter ops"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="palette-groups">
        {groups.map(([category, ops]) => (
          <section key={category} aria-label={CATEGORY_LABELS[category]}>
            <h3>{CATEGORY_LABELS[category]}</h3>
            <ul>
              {ops.map((op) => (
                <li key={op.name}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable
                    title={[op.doc, ...op.limits.map((l) => l.note)].join('\n')}
                    aria-label={`${op.name}: ${[op.doc, ...op.limits.map((l) => l.note)].join(' ')}`}
                    onDragStart={(e: DragEvent) => {
                      e.dataTransfer.setData(OP_DRAG_TYPE, op.name);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                    onClick={() => addInView(op.name)}
                  >
                    {op.name}
                    {/* Every op that reads int32 has that limit: only the others are marked, all are in the title. */}
                    {op.limits.some((l) => l !== INT32_AS_FLOAT) && (
                      <span className="palette-limit" aria-hidden="true">
                        {' '}
                        ⚠
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {groups.length === 0 && <p className="muted">No op matches “{query}”.</p>}
      </div>
    </nav>
  );
}
