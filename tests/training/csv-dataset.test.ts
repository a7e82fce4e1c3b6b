import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../src/graph/validate';
import { CsvDataset } from '../../src/ops/data/CsvDataset';
import { parseCsv } from '../../src/ops/data/csv-table';
import { registry } from '../../src/ops/registry';

const dataUrl = (text: string) => `data:text/csv;base64,${Buffer.from(text, 'utf8').toString('base64')}`;

describe('CSV files', () => {
  it('read as numeric columns by header name: quotes, CRLF, spaces and a trailing newline', () => {
    const table = parseCsv('a,"b"\r\n1, 2.5\r\n-3,"4e2"\r\n');
    expect(table.rows).toBe(2);
    expect([...table.columns.keys()]).toEqual(['a', 'b']);
    expect(Array.from(table.columns.get('a')!)).toEqual([1, -3]);
    expect(Array.from(table.columns.get('b')!)).toEqual([2.5, 400]);
  });

  it.each([
    ['a ragged row', 'x,y,label\n1,2,3\n4,5\n', 'row 3 has 2 cells, the header 3'],
    ['a cell that is no number', 'x,y,label\n1,2,3\n4,abc,6\n', 'row 3, column y: "abc" is not a number'],
    ['an empty cell', 'x,y,label\n1,,3\n', 'row 2, column y: "" is not a number'],
    ['a header with no name', 'x,,label\n1,2,3\n', 'column 2 of the header has no name'],
    ['two columns of one name', 'x,x,label\n1,2,3\n', 'two columns are named "x"'],
  ])('refuse %s, naming the row and column', (_, text, message) => {
    expect(() => parseCsv(text)).toThrow(message);
  });
});

describe('CsvDataset', () => {
  const node = (file: string, attrs: Record<string, string | number> = {}) => ({
    nodes: [{ id: 'data', op: 'CsvDataset', attrs: { file, label: 'price', ...attrs } }],
    edges: [],
  });

  it('puts a bad file on its node and attribute, with the row and column', () => {
    const problems = (text: string, attrs = {}) =>
      validateGraph(node(dataUrl(text), attrs), registry).diagnostics.map((d) => [d.nodeId, d.attr, d.message]);
    expect(problems('size,price\n1,2\n3,x\n')).toEqual([
      ['data', 'file', 'CsvDataset: the CSV file: row 3, column price: "x" is not a number'],
    ]);
    expect(problems('size,cost\n1,2\n')).toEqual([
      ['data', 'file', 'CsvDataset: the CSV file: no column "price" (the columns: size, cost)'],
    ]);
    expect(problems('size,price\n1,2\n', { features: 'size, rooms' })).toEqual([
      ['data', 'file', 'CsvDataset: the CSV file: no column "rooms" (the columns: size, price)'],
    ]);
  });

  it('splits the rows, every row in one split, features in the columns named', () => {
    const text = 'a,b,price\n' + Array.from({ length: 10 }, (_, i) => `${i},${10 * i},${100 * i}`).join('\n');
    const { train, test } = CsvDataset.dataset!({
      file: dataUrl(text),
      features: 'b, a',
      label: 'price',
      test_fraction: 0.3,
      batch_size: 4,
      seed: 9,
    });
    expect([train.rows, test.rows]).toEqual([7, 3]);
    const rows = (split: typeof train) =>
      Array.from({ length: split.rows }, (_, r) => [
        ...split.ports.get('features')!.values.subarray(2 * r, 2 * r + 2),
        split.ports.get('labels')!.values[r]!,
      ]);
    const all = [...rows(train), ...rows(test)].sort((x, y) => x[1]! - y[1]!);
    expect(all).toEqual(Array.from({ length: 10 }, (_, i) => [10 * i, i, 100 * i]));
  });
});
