/** What went wrong with a script, where in the user's own source. */
export type ScriptErrorKind = 'syntax' | 'runtime' | 'result' | 'timeout';

export class ScriptError extends Error {
  constructor(
    readonly kind: ScriptErrorKind,
    message: string,
    /** 1-based line and column in the body as the user wrote it; null when unknown. */
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(line === null ? message : `${message} (line ${line}${column === null ? '' : `, column ${column}`})`);
    this.name = 'ScriptError';
  }
}
