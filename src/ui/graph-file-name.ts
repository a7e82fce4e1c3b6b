/** Longest base name kept: file systems allow 255 bytes, and a name this long is already unreadable. */
const MAX_BASE_LENGTH = 100;
/** Names Windows keeps for devices, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * The name Save gives the graph's file: the name of the file it was opened from while the user has
 * not renamed the graph, else the graph's name with every run of characters other than letters,
 * digits, `.`, `_` and `-` (slashes, colons, spaces, quotes…) made one `-`; "graph" when nothing is left.
 */
export function graphFileName(graphName: string | undefined, openedAs: string | null): string {
  if (openedAs) return openedAs;
  const base = (graphName ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_BASE_LENGTH)
    .replace(/[-.]+$/, '');
  if (!base) return 'graph.json';
  return `${RESERVED.test(base) ? `${base}-graph` : base}.json`;
}
