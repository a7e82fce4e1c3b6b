import { describe, expect, it } from 'vitest';
import { graphFileName } from '../../src/ui/graph-file-name';

describe('graphFileName', () => {
  it('names the file after the graph, spaces as dashes', () => {
    expect(graphFileName('sin times two', null)).toBe('sin-times-two.json');
  });

  it('keeps the name of the file the graph was opened from', () => {
    expect(graphFileName('sin times two', 'mine.json')).toBe('mine.json');
  });

  it('makes each run of characters unsafe in a file name one dash, and trims dashes and dots at the ends', () => {
    expect(graphFileName('a/b\\c: "d" <e>|f?*', null)).toBe('a-b-c-d-e-f.json');
    expect(graphFileName('../../etc/passwd', null)).toBe('etc-passwd.json');
    expect(graphFileName(' y = sin(x) · 2 ', null)).toBe('y-sin-x-2.json');
  });

  it('keeps letters and digits of every script', () => {
    expect(graphFileName('Größe 2 — 重み', null)).toBe('Größe-2-重み.json');
  });

  it('falls back to graph.json when no name, or nothing of it, is left', () => {
    expect(graphFileName(undefined, null)).toBe('graph.json');
    expect(graphFileName('', null)).toBe('graph.json');
    expect(graphFileName('///', null)).toBe('graph.json');
  });

  it('does not give a name Windows keeps for a device', () => {
    expect(graphFileName('CON', null)).toBe('CON-graph.json');
    expect(graphFileName('lpt1', null)).toBe('lpt1-graph.json');
  });

  it('cuts a very long name to 100 characters before the extension', () => {
    expect(graphFileName('x'.repeat(300), null)).toBe(`${'x'.repeat(100)}.json`);
    expect(graphFileName(`${'x'.repeat(99)} y`, null)).toBe(`${'x'.repeat(99)}.json`);
  });
});
