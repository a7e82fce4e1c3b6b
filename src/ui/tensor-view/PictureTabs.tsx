import type { KeyboardEvent } from 'react';
import { PICTURE_NAMES, type PictureKind } from './pictures';

export const tabId = (idBase: string, kind: PictureKind) => `${idBase}-tab-${kind}`;
export const panelId = (idBase: string) => `${idBase}-panel`;

const STEPS: Partial<Record<string, (i: number, n: number) => number>> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

interface PictureTabsProps {
  label: string;
  idBase: string;
  kinds: readonly PictureKind[];
  active: PictureKind;
  onSelect: (kind: PictureKind) => void;
}

/** ARIA tabs with a roving tab stop: arrow keys, Home and End move between pictures. */
export function PictureTabs({ label, idBase, kinds, active, onSelect }: PictureTabsProps) {
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const step = STEPS[e.key];
    if (!step) return;
    e.preventDefault();
    const next = step(kinds.indexOf(active), kinds.length);
    onSelect(kinds[next]!);
    e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  }

  return (
    <div className="tv-tabs" role="tablist" aria-label={`Pictures of ${label}`} onKeyDown={onKeyDown}>
      {kinds.map((kind) => (
        <button
          key={kind}
          id={tabId(idBase, kind)}
          type="button"
          role="tab"
          aria-selected={kind === active}
          aria-controls={panelId(idBase)}
          tabIndex={kind === active ? 0 : -1}
          onClick={() => onSelect(kind)}
        >
          {PICTURE_NAMES[kind]}
        </button>
      ))}
    </div>
  );
}
