/** What went wrong with a script, where in the user's own source. */
export type ScriptErrorKind = 'syntax' | 'runtime' | 'result' | 'timeout';

export class ScriptError extends Error {
  constructor(
    readonly kind: ScriptErrorKind,
    /** What happened; the message adds where. */
    readonly reason: string,
    /** 1-based line and column in the body as the user wrote it; null when unknown. */
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(line === null ? reason : `${reason} (line ${line}${column === null ? '' : `, column ${column}`})`);
    this.name = 'ScriptError';
  }
}

/**
 * A script error's message split back into what happened and where: the inverse of ScriptError's
 * message format, for readers that get the message as plain text across the runtime frame's boundary.
 */
export function scriptErrorLocation(message: string): { message: string; line: number; column: number | null } | null {
  const match = /^(.*) \(line (\d+)(?:, column (\d+))?\)$/s.exec(message);
  return match ? { message: match[1]!, line: Number(match[2]), column: match[3] ? Number(match[3]) : null } : null;
}
