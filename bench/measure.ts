/** Times each candidate `rounds` times, interleaved so that machine noise hits all of them alike. */
export async function medians(
  candidates: Record<string, () => unknown>,
  { rounds = 30, warmup = 5 } = {},
): Promise<Record<string, number>> {
  const names = Object.keys(candidates);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmup + rounds; r++) {
    for (const name of names) {
      const start = performance.now();
      await candidates[name]!();
      if (r >= warmup) times[name]!.push(performance.now() - start);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(times[n]!)]));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Row {
  name: string;
  figure: number;
  target: string;
  met: boolean;
  detail: string;
}

export function printRows(rows: Row[]): void {
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows)
    console.log(
      `${r.name.padEnd(width)}  ${r.figure.toFixed(3).padStart(8)}  target ${r.target.padEnd(7)} ${r.met ? 'met ' : 'MISS'}  ${r.detail}`,
    );
}
