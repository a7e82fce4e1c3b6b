import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Position } from '../../graph/types';
import { searchOps } from '../palette/op-search';

const SHOWN = 12;

/** A search box at the cursor: type part of an op's name, Enter places it there. */
export function QuickAdd({ at, onPick, onClose }: { at: Position; onPick: (op: string) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => searchOps(query).slice(0, SHOWN), [query]);

  useEffect(() => input.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, matches.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter' && matches[active]) onPick(matches[active].name);
    else return;
    e.preventDefault();
  };

  return (
    <div className="quick-add" style={{ left: at.x, top: at.y }} role="dialog" aria-label="Add a node">
      <input
        ref={input}
        type="search"
        aria-label="Search ops to add"
        role="combobox"
        aria-expanded="true"
        aria-controls="quick-add-list"
        aria-activedescendant={matches[active] ? `quick-add-${matches[active].name}` : undefined}
        placeholder="Add op…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={onClose}
      />
      <ul id="quick-add-list" role="listbox" aria-label="Matching ops">
        {matches.map((op, i) => (
          <li
            key={op.name}
            id={`quick-add-${op.name}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(op.name);
            }}
          >
            <strong>{op.name}</strong> <span className="muted">{op.doc}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
