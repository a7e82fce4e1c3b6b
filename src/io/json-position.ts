/** A place in a text, both counted from 1. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

const WHITESPACE = /[ \t\n\r]*/y;
// Any code unit but a quote, a backslash or a control character (below U+0020), or an escape.
const STRING = /"(?:[\x20\x21\x23-\x5b\x5d-\uffff]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

class JsonSyntaxError {
  constructor(readonly offset: number) {}
}

/**
 * Where JSON.parse failed on `text`. Engines disagree on whether their message carries a position
 * (V8 gives one for some errors and not others), so when it has none the text is rescanned against
 * the JSON grammar to find one. Null when even the scan finds nothing wrong.
 */
export function jsonErrorPosition(text: string, parserMessage: string): TextPosition | null {
  const reported = /at position (\d+)/.exec(parserMessage);
  return reported ? positionAt(text, Number(reported[1])) : scanForError(text);
}

function scanForError(text: string): TextPosition | null {
  let offset = 0;
  const skip = (pattern: RegExp): boolean => {
    pattern.lastIndex = offset;
    if (!pattern.test(text)) return false;
    offset = pattern.lastIndex;
    return true;
  };
  const expect = (char: string): void => {
    skip(WHITESPACE);
    if (text[offset] !== char) throw new JsonSyntaxError(offset);
    offset++;
  };
  const sequence = (close: string, item: () => void): void => {
    skip(WHITESPACE);
    if (text[offset] === close) {
      offset++;
      return;
    }
    for (;;) {
      item();
      skip(WHITESPACE);
      if (text[offset] === close) {
        offset++;
        return;
      }
      expect(',');
    }
  };
  const value = (): void => {
    skip(WHITESPACE);
    const start = text[offset];
    if (start === '{') {
      offset++;
      sequence('}', () => {
        skip(WHITESPACE);
        if (!skip(STRING)) throw new JsonSyntaxError(offset);
        expect(':');
        value();
      });
    } else if (start === '[') {
      offset++;
      sequence(']', value);
    } else if (!skip(STRING) && !skip(NUMBER) && !skip(LITERAL)) throw new JsonSyntaxError(offset);
  };

  try {
    value();
    skip(WHITESPACE);
    if (offset < text.length) throw new JsonSyntaxError(offset);
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return positionAt(text, error.offset);
    // Nesting deep enough to overflow the stack: give up on the position, not on the report.
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
