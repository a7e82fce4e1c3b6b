import { describe, expect, it } from 'vitest';
import { MESSAGE_LIMIT } from '../../src/cli/terminal-text';
import { tempFile, tensorloom } from '../cli/cli';

// Finding 8 of issue 10, the CLI's half: it printed ids and names raw, so escapes in a file could
// clear the user's terminal or fake output, and a 10 MB name became a 10 MB line. Names are data.

const input = { id: 'x', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [3], values: [1, 2, 3] } } };
/** Clears the screen, homes the cursor and writes a verdict over it, ending in a carriage return. */
const ANSI_ID = '\x1b[2J\x1b[H\x1b[32mall tests passed\r';
/** Any control character but the newlines that end lines. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202e]/;

function graphFile(graph: object): string {
  return tempFile(JSON.stringify({ format: 'tensorloom.graph', version: 1, ...graph }));
}

describe('names from a file are printed as data', () => {
  it('escapes an ANSI id and a title-setting name in the results, and keeps them exact in JSON', async () => {
    const file = graphFile({
      name: '\x1b]0;owned\x07Results\u2028',
      nodes: [input, { id: ANSI_ID, op: 'Sin', attrs: {} }],
      edges: [{ id: 'e', source: 'x', sourcePort: 'output', target: ANSI_ID, targetPort: 'x' }],
    });
    const text = await tensorloom('run', file, '--mode', 'eager');
    expect(text.code).toBe(0);
    expect(text.stdout + text.stderr).not.toMatch(RAW_CONTROL);
    expect(text.stdout).toContain('\\x1b]0;owned\\x07Results\\u2028\n');
    expect(text.stdout).toContain(
      '\\x1b[2J\\x1b[H\\x1b[32mall tests passed\\r.y  float32[3]  [0.841471, 0.9092974, 0.14112]',
    );
    expect(text.stdout).toMatch(/ {2}\\x1b\[2J\\x1b\[H\\x1b\[32mall tests passed\\r Sin +ok/);

    const json = await tensorloom('run', file, '--json');
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    const report = JSON.parse(json.stdout) as { name: string; run: { outputs: { node: string }[] } };
    expect(report.name).toBe('\x1b]0;owned\x07Results\u2028');
    expect(report.run.outputs.map((o) => o.node)).toEqual([ANSI_ID]);
  });

  it('escapes names quoted in diagnostics', async () => {
    const file = graphFile({
      nodes: [input, { id: 'n', op: 'Neg', attrs: {} }],
      edges: [{ id: 'e', source: 'x', sourcePort: 'output', target: 'n', targetPort: '\x1b[31mred\u202e' }],
    });
    const { code, stdout, stderr } = await tensorloom('run', file);
    expect(code).toBe(1);
    expect(stdout + stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).toContain(
      'error: invalid-edge at node n, port \\x1b[31mred\\u202e: Neg has no input "\\x1b[31mred\\u202e"',
    );
  });

  it('bounds a 10 MB field name to a line of a few hundred characters, counting the rest', async () => {
    const huge = 'p'.repeat(10 * 2 ** 20);
    const port = await tensorloom(
      'run',
      graphFile({
        nodes: [input, { id: 's', op: 'Sin', attrs: {} }],
        edges: [{ id: 'e', source: 'x', sourcePort: 'output', target: 's', targetPort: huge }],
      }),
    );
    expect(port.code).toBe(1);
    const [first] = port.stderr.split('\n');
    // Only the first MESSAGE_LIMIT characters of the message, which quotes the port twice, are printed.
    const prefix = 'invalid-edge at node s, port ';
    const more = Number(/\((\d+) more\)$/.exec(first!)![1]);
    expect(first).toBe(`error: ${prefix}${'p'.repeat(MESSAGE_LIMIT - prefix.length)}… (${more} more)`);
    expect(more).toBeGreaterThan(2 * huge.length - MESSAGE_LIMIT);
    expect(port.stderr.length).toBeLessThan(2000);

    const field = await tensorloom('run', graphFile({ [huge]: 1, nodes: [], edges: [] }));
    expect(field.code).toBe(1);
    expect(field.stderr.length).toBeLessThan(2000);
    expect(field.stderr).toMatch(/unknown field "p+… \(\d+ more\)/);
  });
});
