import { elementCount, type TensorLiteral } from '../../../graph/types';

/** The grid shows at most this many rows and columns: a 32 × 32 matrix, or one slice of that size. */
export const GRID_LIMIT = 32;

/** A tensor seen as a grid: its last dimension across, the one before down; leading ones choose a slice. */
export interface GridView {
  readonly rows: number;
  readonly columns: number;
  /** The dimensions before the grid's, chosen one index each (empty for rank 2 and below). */
  readonly leading: readonly number[];
}

export function gridView(shape: readonly number[]): GridView {
  if (shape.length === 0) return { rows: 1, columns: 1, leading: [] };
  if (shape.length === 1) return { rows: 1, columns: shape[0]!, leading: [] };
  return { rows: shape.at(-2)!, columns: shape.at(-1)!, leading: shape.slice(0, -2) };
}

/** Whether the grid can show `shape` (each slice at most GRID_LIMIT by GRID_LIMIT), or why not. */
export function gridProblem(shape: readonly number[]): string | null {
  const { rows, columns } = gridView(shape);
  if (rows > GRID_LIMIT || columns > GRID_LIMIT)
    return `The grid shows up to ${GRID_LIMIT} × ${GRID_LIMIT} values at a time; this tensor is edited as text below.`;
  return null;
}

/** The flat position of a value from its index along every dimension (row-major). */
export function flatIndex(shape: readonly number[], index: readonly number[]): number {
  return index.reduce((flat, i, d) => flat * shape[d]! + i, 0);
}

/** The index of one grid cell: the slice's leading indices, then row and column as the rank has them. */
export function cellIndex(shape: readonly number[], slice: readonly number[], row: number, column: number): number[] {
  if (shape.length === 0) return [];
  if (shape.length === 1) return [column];
  return [...slice, row, column];
}

/** How a cell is named to the user: `x[1][2]`, or `x` for a scalar. */
export function cellName(name: string, index: readonly number[]): string {
  return name + index.map((i) => `[${i}]`).join('');
}

/** The literal with one value changed. */
export function withValue(literal: TensorLiteral, flat: number, value: number): TensorLiteral {
  const values = Array.from(literal.values);
  values[flat] = value;
  return { ...literal, values };
}

/**
 * The literal at a new shape: each value whose index is inside both shapes keeps it; new places
 * hold 0. A change of rank starts over in row-major order instead, keeping as many values as fit.
 */
export function reshaped(literal: TensorLiteral, shape: readonly number[]): TensorLiteral {
  const count = elementCount(shape);
  const { shape: old, values } = literal;
  if (old.length !== shape.length)
    return { ...literal, shape: [...shape], values: Array.from({ length: count }, (_, i) => Number(values[i] ?? 0)) };
  const next = new Array<number>(count).fill(0);
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < count; i++) {
    if (index.every((k, d) => k < old[d]!)) next[i] = Number(values[flatIndex(old, index)]);
    for (let d = shape.length - 1; d >= 0 && ++index[d]! === shape[d]; d--) index[d] = 0;
  }
  return { ...literal, shape: [...shape], values: next };
}

/**
 * Pastes a block of rows into the grid from cell (row, column) of slice `slice`. A block reaching
 * past the tensor's edge grows it (a vector to a matrix when the block has several rows); a
 * tensor of rank 3 or more keeps its shape, and what falls outside is left out.
 */
export function pasted(
  literal: TensorLiteral,
  slice: readonly number[],
  row: number,
  column: number,
  block: readonly (readonly number[])[],
): TensorLiteral {
  const height = block.length;
  const width = Math.max(...block.map((r) => r.length));
  const { rows, columns } = gridView(literal.shape);
  const needRows = Math.max(rows, row + height);
  const needColumns = Math.max(columns, column + width);
  let target = literal;
  if (literal.shape.length <= 2 && (needRows > rows || needColumns > columns)) {
    const grown = needRows > 1 || literal.shape.length === 2 ? [needRows, needColumns] : [needColumns];
    // The tensor as the grid shows it (rows × columns, or one row), which lays its values out the same.
    const asShown = { ...literal, shape: grown.length === 2 ? [rows, columns] : [columns] };
    target = reshaped(asShown, grown);
  }
  const view = gridView(target.shape);
  const values = Array.from(target.values);
  block.forEach((cells, r) =>
    cells.forEach((value, c) => {
      if (row + r >= view.rows || column + c >= view.columns) return;
      values[flatIndex(target.shape, cellIndex(target.shape, slice, row + r, column + c))] = value;
    }),
  );
  return { ...target, values };
}
