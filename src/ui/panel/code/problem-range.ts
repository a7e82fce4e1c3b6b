import type { Text } from '@codemirror/state';

/** A problem in a script at the user's 1-based line and column (null: the whole line). */
export interface ScriptProblem {
  readonly line: number;
  readonly column: number | null;
  readonly message: string;
}

/**
 * The stretch of the document to underline for a problem: the word at its column, or the line's
 * code when the column is unknown. Positions past the end (an edited body) are clamped.
 */
export function problemRange(doc: Text, problem: ScriptProblem): { from: number; to: number } {
  const line = doc.line(Math.min(Math.max(problem.line, 1), doc.lines));
  if (problem.column === null) {
    const indent = /^\s*/.exec(line.text)![0].length;
    return indent === line.length ? { from: line.from, to: line.to } : { from: line.from + indent, to: line.to };
  }
  const offset = Math.min(Math.max(problem.column - 1, 0), line.length);
  const word = /^[\w$]+/.exec(line.text.slice(offset))?.[0].length;
  if (word) return { from: line.from + offset, to: line.from + offset + word };
  if (offset < line.length) return { from: line.from + offset, to: line.from + offset + 1 };
  // At the end of the line (an unexpected end of input): mark the last character instead of nothing.
  return { from: Math.max(line.from, line.to - 1), to: line.to };
}
