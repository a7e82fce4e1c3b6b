import { useState } from 'react';
import { checkPorts } from '../../graph/attrs';
import { DTYPES, type DType, type PortDecl } from '../../graph/types';

/**
 * Shape text as a person types it, brackets optional: `?, 3` is [null, 3]; `[]` is a scalar;
 * empty means any shape.
 */
export function parseShape(text: string): PortDecl['shape'] | 'invalid' {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const bracketed = /^\[(.*)\]$/.exec(trimmed);
  const dims = (bracketed ? bracketed[1]! : trimmed)
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((d) => (d === '?' ? null : Number(d)));
  if (!bracketed && dims.length === 0) return 'invalid';
  return dims.every((d) => d === null || (Number.isInteger(d) && d >= 0)) ? dims : 'invalid';
}

export const formatShape = (shape: PortDecl['shape']) =>
  shape ? (shape.length === 0 ? '[]' : shape.map((d) => (d === null ? '?' : d)).join(', ')) : '';

/** A script's declared inputs or outputs: name, dtype and shape per row; invalid lists are not applied. */
export function PortsEditor({
  id,
  label,
  ports,
  onCommit,
}: {
  id: string;
  label: string;
  ports: readonly PortDecl[];
  onCommit: (ports: PortDecl[]) => void;
}) {
  const [rows, setRows] = useState(() =>
    ports.map((p) => ({ name: p.name, dtype: p.dtype, shape: formatShape(p.shape) })),
  );
  const [error, setError] = useState<string | null>(null);

  const commit = (next: typeof rows) => {
    setRows(next);
    const decls: PortDecl[] = [];
    for (const r of next) {
      const shape = parseShape(r.shape);
      if (shape === 'invalid')
        return setError(`${r.name}: write sizes as numbers, ? where a size varies, [] for a scalar`);
      decls.push({ name: r.name.trim(), dtype: r.dtype, ...(shape && { shape }) });
    }
    const problem = checkPorts(decls);
    setError(problem);
    if (!problem) onCommit(decls);
  };
  const update = (i: number, patch: Partial<(typeof rows)[number]>) =>
    rows.map((r, j) => (j === i ? { ...r, ...patch } : r));

  return (
    <fieldset className="ports-editor" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>{label}</legend>
      {rows.map((r, i) => (
        <div className="port-row" key={i} role="group" aria-label={`${label} ${i + 1}`}>
          <input
            aria-label={`${label} ${i + 1} name`}
            value={r.name}
            onChange={(e) => setRows(update(i, { name: e.target.value }))}
            onBlur={() => commit(rows)}
          />
          <select
            aria-label={`${label} ${i + 1} dtype`}
            value={r.dtype}
            onChange={(e) => commit(update(i, { dtype: e.target.value as DType }))}
          >
            {DTYPES.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
          <input
            aria-label={`${label} ${i + 1} shape`}
            placeholder="any shape"
            title="Sizes separated by commas, ? where a size varies; [] for a scalar; empty for any shape"
            value={r.shape}
            onChange={(e) => setRows(update(i, { shape: e.target.value }))}
            onBlur={() => commit(rows)}
          />
          <button
            type="button"
            aria-label={`Remove ${label.toLowerCase()} ${r.name}`}
            onClick={() => commit(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => commit([...rows, { name: freshName(rows.map((r) => r.name)), dtype: 'float32', shape: '' }])}
      >
        Add {label.toLowerCase().replace(/s$/, '')}
      </button>
      {error && (
        <span className="attr-error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}

function freshName(taken: readonly string[]): string {
  for (const base of ['a', 'b', 'c', 'd', 'e']) if (!taken.includes(base)) return base;
  for (let i = 1; ; i++) if (!taken.includes(`v${i}`)) return `v${i}`;
}
