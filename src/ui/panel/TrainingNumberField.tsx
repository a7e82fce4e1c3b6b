import { useId, useState, type ReactNode } from 'react';

/** Which numbers a training setting takes, as the graph file's schema (src/io/training-schema.ts) has it. */
export interface NumberRule {
  /** What the setting must be, in the words of an error message: "a number from 0 to 1". */
  readonly text: string;
  readonly accepts: (n: number) => boolean;
  readonly min: number;
  readonly max?: number;
  /** 1 for whole numbers; others take any decimal. */
  readonly step?: 1;
}

export const POSITIVE: NumberRule = { text: 'a positive number', accepts: (n) => n > 0, min: 0 };
export const FRACTION: NumberRule = { text: 'a number from 0 to 1', accepts: (n) => n >= 0 && n <= 1, min: 0, max: 1 };
export const AT_LEAST_ZERO: NumberRule = { text: 'a number ≥ 0', accepts: (n) => n >= 0, min: 0 };

export function wholeNumberUpTo(max: number): NumberRule {
  return {
    text: `a whole number from 1 to ${max.toLocaleString('en')}`,
    accepts: (n) => Number.isInteger(n) && n >= 1 && n <= max,
    min: 1,
    max,
    step: 1,
  };
}

/**
 * A number of the training setup, committed on blur or Enter. A value the rule refuses is put
 * back, and a message under the field says why, so that nothing is dropped without a word.
 * `children` sit beside the input (a unit, say).
 */
export function TrainingNumberField({
  label,
  name = label,
  value,
  rule,
  onCommit,
  children,
}: {
  /** What the panel shows beside the field. */
  label: string;
  /** Its accessible name, when the label alone would not say enough. */
  name?: string;
  value: number;
  rule: NumberRule;
  onCommit: (value: number) => void;
  children?: ReactNode;
}) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  // An undo or another field's edit can change the value under the draft: the draft follows.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(String(value));
    setError(null);
  }
  const commit = () => {
    const n = Number(draft);
    if (draft.trim() !== '' && Number.isFinite(n) && rule.accepts(n)) {
      if (n === value) setDraft(String(value));
      else onCommit(n);
      return;
    }
    setError(`${name} must be ${rule.text}${draft.trim() === '' ? '' : `, not ${draft}`}: kept ${value}.`);
    setDraft(String(value));
  };
  return (
    <div className="attr">
      <label htmlFor={id}>{label}</label>
      <span className="training-input">
        <input
          id={id}
          aria-label={name}
          aria-describedby={error ? `${id}-error` : undefined}
          type="number"
          min={rule.min}
          max={rule.max}
          step={rule.step ?? 'any'}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
        {children}
      </span>
      {error && (
        <span className="attr-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
