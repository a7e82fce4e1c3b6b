import { useState } from 'react';
import type { TensorLiteral } from '../../../graph/types';
import { formatTensor, parseTensor } from '../parse-tensor';

/** The tensor as text, for those who type faster than they click: nested brackets, or a flat list. */
export function TensorText({
  id,
  value,
  onCommit,
}: {
  id: string;
  value: TensorLiteral;
  onCommit: (value: TensorLiteral) => void;
}) {
  const [draft, setDraft] = useState(() => formatTensor(value));
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    const parsed = parseTensor(draft, value.dtype, value.shape);
    if (typeof parsed === 'string') return setError(parsed);
    setError(null);
    onCommit(parsed);
  };
  return (
    <>
      <textarea
        id={id}
        rows={Math.min(6, Math.max(1, Math.ceil(draft.length / 36)))}
        value={draft}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey) {
            e.preventDefault();
            commit();
          }
        }}
      />
      <span className="muted format-hint" id={`${id}-hint`}>
        Nested brackets, one pair per dimension: [[1, 2], [3, 4]] is 2 × 2. A flat list (1, 2, 3, 4) keeps the shape
        when the count fits. NaN and Infinity are allowed.
      </span>
      {error && (
        <span className="attr-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </>
  );
}
