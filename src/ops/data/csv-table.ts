import Papa from 'papaparse';
import { memoizeScript } from '../script/memo';

/** A CSV file's numeric columns, by header name, with the row count. */
export interface CsvTable {
  readonly rows: number;
  readonly columns: ReadonlyMap<string, Float32Array>;
}

/** A CSV file that cannot be read as numbers: what is wrong, and where (1-based, as a spreadsheet counts). */
export class CsvError extends Error {}

/**
 * Reads CSV text with a header row into numeric columns (papaparse: quotes, CRLF, a trailing
 * newline). A row with another number of cells than the header, or a cell that is not a number,
 * is refused with its row and column. A file that reads is cached by text: validation reads it on
 * every edit.
 */
export const parseCsv = memoizeScript(8, (text: string): CsvTable => {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header, ...records] = parsed.data;
  if (!header?.length) throw new CsvError('the file has no header row');
  const names = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (!name) throw new CsvError(`column ${names.indexOf(name) + 1} of the header has no name`);
    if (seen.has(name)) throw new CsvError(`two columns are named "${name}"`);
    seen.add(name);
  }
  const columns = names.map(() => new Float32Array(records.length));
  records.forEach((record, r) => {
    // Row 1 is the header: the first record is row 2.
    const row = r + 2;
    if (record.length !== names.length)
      throw new CsvError(`row ${row} has ${record.length} cells, the header ${names.length}`);
    record.forEach((cell, c) => {
      const value = cell.trim() === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(value))
        throw new CsvError(`row ${row}, column ${names[c]}: ${JSON.stringify(cell)} is not a number`);
      columns[c]![r] = value;
    });
  });
  return { rows: records.length, columns: new Map(names.map((name, c) => [name, columns[c]!])) };
});

/** The named columns, or a CsvError naming the one the file lacks. */
export function pickColumns(table: CsvTable, names: readonly string[]): Float32Array[] {
  return names.map((name) => {
    const column = table.columns.get(name);
    if (!column) throw new CsvError(`no column "${name}" (the columns: ${[...table.columns.keys()].join(', ')})`);
    return column;
  });
}
