/**
 * Reads cells copied from a spreadsheet: rows on lines, cells split by tabs (or, on a line
 * without tabs, by commas or spaces). A trailing line break, as spreadsheets copy, is ignored.
 * Returns the rows of numbers, or what is wrong, naming the row and column (from 1).
 */
export function parseTsv(text: string): number[][] | string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const rows: number[][] = [];
  for (const [r, line] of lines.entries()) {
    const cells = line.includes('\t') ? line.split('\t') : line.trim().split(/[\s,]+/);
    const row: number[] = [];
    for (const [c, cell] of cells.entries()) {
      const value = parseCell(cell);
      if (value === null) return `row ${r + 1}, column ${c + 1}: "${cell.trim()}" is not a number`;
      row.push(value);
    }
    rows.push(row);
  }
  return rows;
}

/** One cell's number: decimal, exponent, NaN, Infinity, TRUE/FALSE (as spreadsheets copy them); null otherwise. */
export function parseCell(text: string): number | null {
  const cell = text.trim();
  if (/^true$/i.test(cell)) return 1;
  if (/^false$/i.test(cell)) return 0;
  if (cell === 'NaN') return NaN;
  if (cell === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$|^[-+]?Infinity$/i.test(cell)) return null;
  return Number(cell);
}
