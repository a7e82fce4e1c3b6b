import type { Dim } from './types';

/** `[null, 3]`: sizes, `null` (or `None`, `?`) where a size may vary; `[]` a scalar. */
const SIGNATURE = /^\[\s*(?:(?:\d+|null|None|\?)\s*(?:,\s*(?:\d+|null|None|\?)\s*)*)?\]$/;

/** What a Placeholder's `signature` text must be: empty (none), or a shape as above. */
export const SIGNATURE_PATTERN = {
  regex: new RegExp(`^\\s*$|${SIGNATURE.source}`),
  means: 'a shape such as [null, 3] (null where a size may vary), or empty for none',
} as const;

/**
 * An input's declared shape (TensorFlow's `input_signature`), parsed from its text: null for none
 * (the fed value's own shape is the input's type) or for text that is no shape.
 */
export function parseSignature(text: string): Dim[] | null {
  const trimmed = text.trim();
  if (!SIGNATURE.test(trimmed)) return null;
  const inner = trimmed.slice(1, -1).trim();
  if (!inner) return [];
  return inner.split(',').map((part) => {
    const size = part.trim();
    return /^\d+$/.test(size) ? Number(size) : null;
  });
}

/** A signature's text, as parseSignature reads it back. */
export function signatureText(shape: readonly Dim[]): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}

/** Whether a value of `shape` fits the signature: the same rank, and each known size equal. */
export function fitsSignature(shape: readonly number[], signature: readonly Dim[]): boolean {
  return shape.length === signature.length && shape.every((d, i) => signature[i] === null || signature[i] === d);
}
