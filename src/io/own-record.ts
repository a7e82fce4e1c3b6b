import { z } from 'zod';

/**
 * `z.record(z.string(), value)`, keeping every key the JSON holds. Zod's record leaves a `__proto__`
 * key out without a word, so an attribute of that name would vanish on import; read as a Map and
 * built back with Object.fromEntries, it stays an own key, for validation to report like any other.
 */
export function ownRecord<V extends z.ZodType>(
  value: V,
  options: { error: (issue: z.core.$ZodRawIssue) => string | undefined },
) {
  return z
    .preprocess(
      (input) =>
        typeof input === 'object' && input !== null && !Array.isArray(input) ? new Map(Object.entries(input)) : input,
      z.map(z.string(), value, options),
    )
    .transform((entries) => Object.fromEntries(entries) as Record<string, z.output<V>>);
}
