import { describe, expect, it } from 'vitest';
import { NAME_LIMIT, shown, shownList, terminalSafeJson } from '../../src/cli/terminal-text';

describe('names printed as data', () => {
  it('escapes every control character visibly, and leaves other text alone', () => {
    expect(shown('\x1b[2J\x1b[Hfake output')).toBe('\\x1b[2J\\x1b[Hfake output');
    expect(shown('a\rb\bc\x00d\x7fe')).toBe('a\\rb\\x08c\\x00d\\x7fe');
    expect(shown('line\nnext\tcell')).toBe('line\\nnext\\tcell');
    // C1 (0x9b is CSI on 8-bit terminals), the line separators, a bidirectional override.
    expect(shown('\u009b31m \u2028 \u2029 \u202e')).toBe('\\x9b31m \\u2028 \\u2029 \\u202e');
    expect(shown('naïve → 名前 ✓ \u{1f600}')).toBe('naïve → 名前 ✓ \u{1f600}');
  });

  it('bounds a name, counting the rest, and never splits a surrogate pair', () => {
    expect(shown('x'.repeat(NAME_LIMIT))).toBe('x'.repeat(NAME_LIMIT));
    expect(shown('x'.repeat(NAME_LIMIT + 5))).toBe(`${'x'.repeat(NAME_LIMIT)}… (5 more)`);
    const huge = 'y'.repeat(10 * 2 ** 20);
    expect(shown(huge)).toBe(`${'y'.repeat(NAME_LIMIT)}… (${10 * 2 ** 20 - NAME_LIMIT} more)`);
    // 199 letters then an emoji (two UTF-16 units) straddling the limit: the emoji goes whole.
    expect(shown(`${'z'.repeat(NAME_LIMIT - 1)}\u{1f600}tail`)).toBe(`${'z'.repeat(NAME_LIMIT - 1)}… (6 more)`);
    expect(shown('abcdef', 3)).toBe('abc… (3 more)');
  });

  it('lists names each shown, at most twenty', () => {
    expect(shownList(['a', '\x1bb'])).toBe('a, \\x1bb');
    const many = Array.from({ length: 25 }, (_, i) => `n${i}`);
    expect(shownList(many)).toBe(`${many.slice(0, 20).join(', ')} and 5 more`);
  });

  it('escapes in JSON text what JSON.stringify leaves raw, keeping the same value', () => {
    const value = { '\u009bid': ['\u2028', '\x1b', '\u202e ok', '\x7f'] };
    const json = terminalSafeJson(JSON.stringify(value, null, 2));
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(json).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202e\x1b]/);
    expect(json).toContain('"\\u009bid"');
    expect(JSON.parse(json)).toEqual(value);
  });
});
