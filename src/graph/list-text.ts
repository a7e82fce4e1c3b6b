/** Lists in messages show this many entries at most: a message stays a line, whatever the list's length. */
const SHOWN = 8;

/** `a, b, c`, or `a, b, …, h (1,000 in all)` for a long list. */
export function listText(items: ArrayLike<unknown>): string {
  const shown = Array.from({ length: Math.min(items.length, SHOWN) }, (_, i) => String(items[i]));
  return items.length > SHOWN
    ? `${shown.join(', ')}, … (${items.length.toLocaleString('en-US')} in all)`
    : shown.join(', ');
}
