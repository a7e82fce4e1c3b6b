import { useRef, useState } from 'react';
import type { TensorLiteral } from '../../../graph/types';
import { cellIndex, cellName, flatIndex, gridView, pasted, withValue } from './tensor-grid';
import { parseCell, parseTsv } from './tsv';

/**
 * The tensor's cells, one input each, named like `x[1][2]`: a matrix as rows and columns, a vector
 * as one row, a tensor of higher rank one slice at a time (chosen by its leading indices). The grid
 * is one tab stop; arrows and Enter move between cells. Typing a value and leaving the cell is one
 * edit; cells pasted from a spreadsheet (tab-separated) fill the grid from the cell pasted into.
 */
export function TensorGrid({
  name,
  value,
  onCommit,
}: {
  name: string;
  value: TensorLiteral;
  onCommit: (value: TensorLiteral) => void;
}) {
  const { shape } = value;
  const view = gridView(shape);
  const [slice, setSlice] = useState<number[]>(() => view.leading.map(() => 0));
  const at = view.leading.map((size, d) => Math.min(slice[d] ?? 0, Math.max(0, size - 1)));
  const [error, setError] = useState<string | null>(null);
  // One tab stop for the whole grid (a 32 × 32 one would be 1,024): the arrow keys move between cells.
  const [focused, setActive] = useState({ row: 0, column: 0 });
  const active = { row: Math.min(focused.row, view.rows - 1), column: Math.min(focused.column, view.columns - 1) };
  const table = useRef<HTMLTableElement>(null);
  const errorId = `grid-${name}-error`;
  const moveTo = (row: number, column: number) => {
    if (row < 0 || column < 0 || row >= view.rows || column >= view.columns) return;
    setActive({ row, column });
    table.current?.querySelector<HTMLInputElement>(`[data-cell="${row},${column}"]`)?.focus();
  };
  const onCellKey = (e: React.KeyboardEvent<HTMLInputElement>, row: number, column: number) => {
    const input = e.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    const to =
      e.key === 'ArrowUp'
        ? [row - 1, column]
        : e.key === 'ArrowDown' || e.key === 'Enter'
          ? [row + 1, column]
          : e.key === 'ArrowLeft' && atStart
            ? [row, column - 1]
            : e.key === 'ArrowRight' && atEnd
              ? [row, column + 1]
              : null;
    if (!to) return;
    e.preventDefault();
    // Leaving the cell commits what was typed in it (on blur).
    if (e.key === 'Enter' && row === view.rows - 1) input.blur();
    moveTo(to[0]!, to[1]!);
  };

  const commitCell = (flat: number, text: string) => {
    const number = parseCell(text);
    if (number === null) return setError(`"${text.trim()}" is not a number`);
    setError(null);
    if (!Object.is(number, Number(value.values[flat]))) onCommit(withValue(value, flat, number));
  };
  const paste = (row: number, column: number, text: string) => {
    const block = parseTsv(text);
    if (typeof block === 'string') return setError(`Cannot paste: ${block}`);
    setError(null);
    onCommit(pasted(value, at, row, column, block));
  };

  return (
    <div className="tensor-grid">
      {view.leading.length > 0 && (
        <div className="grid-slice" role="group" aria-label={`Slice of ${name}`}>
          slice
          {view.leading.map((size, d) => (
            <select
              key={d}
              aria-label={`Index ${d} of the slice of ${name}`}
              value={at[d]}
              onChange={(e) => setSlice(at.map((k, j) => (j === d ? Number(e.target.value) : k)))}
            >
              {Array.from({ length: size }, (_, k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          ))}
        </div>
      )}
      <table ref={table} aria-label={`Cells of ${name}`} aria-describedby={error ? errorId : undefined}>
        {shape.length > 0 && (
          <thead>
            <tr>
              {shape.length > 1 && <td />}
              {Array.from({ length: view.columns }, (_, c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {Array.from({ length: view.rows }, (_, r) => (
            <tr key={r}>
              {shape.length > 1 && <th scope="row">{r}</th>}
              {Array.from({ length: view.columns }, (_, c) => {
                const index = cellIndex(shape, at, r, c);
                const flat = flatIndex(shape, index);
                const shown = String(value.values[flat]);
                return (
                  <td key={c}>
                    <input
                      key={shown}
                      aria-label={cellName(name, index)}
                      data-cell={`${r},${c}`}
                      tabIndex={active.row === r && active.column === c ? 0 : -1}
                      defaultValue={shown}
                      size={5}
                      spellCheck={false}
                      onBlur={(e) => e.target.value !== shown && commitCell(flat, e.target.value)}
                      onFocus={() => setActive({ row: r, column: c })}
                      onKeyDown={(e) => onCellKey(e, r, c)}
                      onPaste={(e) => {
                        const text = e.clipboardData.getData('text/plain');
                        if (!/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
                        e.preventDefault();
                        paste(r, c, text);
                      }}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <span className="attr-error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
