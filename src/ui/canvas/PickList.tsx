import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Position } from '../../graph/types';
import { useReturnFocus } from '../use-return-focus';

const SHOWN = 12;

export interface PickItem {
  readonly key: string;
  /** What the item is called: its accessible name, and what the search matches first. */
  readonly label: string;
  readonly detail?: ReactNode;
}

/**
 * A search box over a list at a point of the screen: type to filter, arrows to choose, Enter to
 * pick, Esc to close. Focus goes back where it was when it closes (quick-add, Connect…).
 */
export function PickList({
  at,
  title,
  searchLabel,
  listLabel,
  placeholder,
  search,
  empty,
  onPick,
  onClose,
}: {
  at: Position;
  /** The dialog's accessible name. */
  title: string;
  searchLabel: string;
  listLabel: string;
  placeholder: string;
  search: (query: string) => readonly PickItem[];
  /** Shown when nothing matches. */
  empty: string;
  onPick: (key: string) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const matches = useMemo(() => search(query).slice(0, SHOWN), [search, query]);
  useReturnFocus();

  useEffect(() => input.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, matches.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter' && matches[active]) onPick(matches[active].key);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="quick-add" style={{ left: at.x, top: at.y }} role="dialog" aria-label={title}>
      <input
        ref={input}
        type="search"
        aria-label={searchLabel}
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches[active] ? optionId(active) : undefined}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={onClose}
      />
      <ul id={listId} role="listbox" aria-label={listLabel}>
        {matches.map((item, i) => (
          <li
            key={item.key}
            id={optionId(i)}
            role="option"
            aria-label={item.label}
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(item.key);
            }}
          >
            <strong>{item.label}</strong> {item.detail && <span className="muted">{item.detail}</span>}
          </li>
        ))}
      </ul>
      {matches.length === 0 && <p className="muted pick-empty">{empty}</p>}
    </div>
  );
}
