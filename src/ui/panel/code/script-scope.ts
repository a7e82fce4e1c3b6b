import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';

/** What a script body sees: its variables, and (where it gets `tf`) the names `tf.` completes to. */
export interface ScriptScope {
  readonly variables: readonly string[];
  /** The functions of `tf`, from the runtime (the page has no tfjs of its own). */
  readonly tfFunctions: (() => Promise<readonly string[]>) | null;
}

/**
 * Completes a body's own variables (its inputs, `tf`, `dy`…) and, after `tf.`, tfjs's functions;
 * the language's own completions (keywords, local names) come alongside.
 */
export function scopeCompletions(scope: () => ScriptScope) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const { variables, tfFunctions } = scope();
    const member = context.matchBefore(/\btf\.[\w$]*$/);
    if (member && tfFunctions) {
      const names = await tfFunctions().catch(() => []);
      return {
        from: member.from + 3,
        options: names.map((label) => ({ label, type: 'function' })),
        validFor: /^[\w$]*$/,
      };
    }
    const word = context.matchBefore(/[\w$]+$/);
    if (!word && !context.explicit) return null;
    if (word && context.matchBefore(/\.[\w$]*$/)) return null;
    return {
      from: word?.from ?? context.pos,
      options: variables.map((label) => ({ label, type: 'variable', boost: 1 })),
      validFor: /^[\w$]*$/,
    };
  };
}
