import { useState } from 'react';

/** Reads sizes typed as `2, 3` or `[2, 3]`; `[]` or nothing is a scalar. */
export function parseSizes(text: string): number[] | null {
  const inner = text.trim().replace(/^\[(.*)\]$/, '$1');
  const sizes = inner
    .split(/[\s,×x]+/)
    .filter(Boolean)
    .map(Number);
  return sizes.every((d) => Number.isInteger(d) && d >= 0) ? sizes : null;
}

/** The tensor's shape, to type a new one: values inside both shapes stay where they are, new ones are 0. */
export function ShapeField({
  name,
  shape,
  onCommit,
}: {
  name: string;
  shape: readonly number[];
  onCommit: (shape: number[]) => void;
}) {
  const shown = `[${shape.join(', ')}]`;
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const errorId = `shape-${name}-error`;
  const commit = () => {
    if (draft === shown) return setError(null);
    const sizes = parseSizes(draft);
    if (!sizes) return setError('write sizes as whole numbers, e.g. 2, 3; [] for a scalar');
    setError(null);
    onCommit(sizes);
  };
  return (
    <label className="shape-field">
      shape
      <input
        aria-label={`Shape of ${name}`}
        value={draft}
        size={Math.max(6, draft.length + 1)}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {error && (
        <span className="attr-error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
