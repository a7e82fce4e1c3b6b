import { Text } from '@codemirror/state';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTranspiler, transpile } from '../../src/ops/script/compile-body';
import { ScriptError, scriptErrorLocation } from '../../src/ops/script/script-error';
import { codeContextOf } from '../../src/ui/panel/code/code-context';
import { problemRange } from '../../src/ui/panel/code/problem-range';

beforeAll(loadTranspiler);

const doc = Text.of(['const a = 1;', '  const b = x.foo.bar;', 'return b;']);
const marked = (range: { from: number; to: number }) => doc.sliceString(range.from, range.to);

describe('a script error found again in its message', () => {
  it('splits what happened from the line and column', () => {
    const error = new ScriptError('runtime', 'x is not defined', 3, 14);
    expect(scriptErrorLocation(error.message)).toEqual({ message: 'x is not defined', line: 3, column: 14 });
    expect(scriptErrorLocation(new ScriptError('runtime', 'boom', 2).message)).toEqual({
      message: 'boom',
      line: 2,
      column: null,
    });
  });

  it('is null for messages without a location', () => {
    expect(scriptErrorLocation('timed out after 300 ms')).toBeNull();
    expect(scriptErrorLocation(new ScriptError('result', 'returned 2 values').message)).toBeNull();
  });

  it('reads a syntax error from sucrase at the line and column the user sees', () => {
    let error: unknown;
    try {
      transpile('const a = 1;\nconst b = ;\nreturn a;');
    } catch (e) {
      error = e;
    }
    const location = scriptErrorLocation((error as Error).message);
    expect(location).toMatchObject({ line: 2, column: 11 });
  });
});

describe('the stretch of a body an error underlines', () => {
  it('is the word at the column', () => {
    // Line 2, column 15 is the "foo" of "x.foo.bar" (1-based, counting the two spaces of indent).
    expect(marked(problemRange(doc, { line: 2, column: 15, message: '' }))).toBe('foo');
  });

  it('is one character where no word starts', () => {
    expect(marked(problemRange(doc, { line: 1, column: 9, message: '' }))).toBe('=');
  });

  it("is the line's code without its indent when the column is unknown", () => {
    expect(marked(problemRange(doc, { line: 2, column: null, message: '' }))).toBe('const b = x.foo.bar;');
  });

  it('is the last character for an error at the end of a line', () => {
    expect(marked(problemRange(doc, { line: 3, column: 10, message: '' }))).toBe(';');
  });

  it('stays inside the document when the body got shorter since the run', () => {
    expect(marked(problemRange(doc, { line: 9, column: 40, message: '' }))).toBe(';');
    expect(problemRange(doc, { line: 9, column: 40, message: '' }).to).toBe(doc.length);
  });
});

describe("what a script's code editor knows of its node", () => {
  const tfFunctions = () => Promise.resolve(['add', 'matMul']);
  const node = (op: string, extra: Partial<Parameters<typeof codeContextOf>[1]> = {}) => ({
    nodeId: 's',
    op,
    attrs: {
      inputs: [
        { name: 'a', dtype: 'float32' as const },
        { name: 'b', dtype: 'int32' as const },
      ],
    },
    runError: undefined,
    gradientError: undefined,
    tfFunctions,
    ...extra,
  });

  it('offers the parameters each kind of body is compiled with, and tf where the body has it', () => {
    expect(codeContextOf('body', node('TensorScript'))!.scope).toEqual({ variables: ['a', 'b', 'tf'], tfFunctions });
    expect(codeContextOf('body', node('ArrayScript'))!.scope).toEqual({ variables: ['a', 'b'], tfFunctions: null });
    expect(codeContextOf('gradient', node('ArrayScript'))!.scope.variables).toEqual(['dy', 'a', 'b', 'output', 'tf']);
    expect(codeContextOf('timeout_ms', node('TensorScript'))).toBeUndefined();
  });

  it("places the run's error in the body and the gradient pass's error, named after the node, in the gradient", () => {
    const failed = node('TensorScript', {
      runError: 'boom (line 2, column 5)',
      gradientError: 's: scale is not defined (line 1, column 8)',
    });
    expect(codeContextOf('body', failed)!.problems).toEqual([{ message: 'boom', line: 2, column: 5 }]);
    expect(codeContextOf('gradient', failed)!.problems).toEqual([
      { message: 'scale is not defined', line: 1, column: 8 },
    ]);
    const otherNode = node('TensorScript', { gradientError: 't: boom (line 1, column 1)' });
    expect(codeContextOf('gradient', otherNode)!.problems).toEqual([]);
  });
});
