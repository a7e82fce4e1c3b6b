import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { graphFromLink, graphLink, hasGraphLink } from '../../src/io/graph-link';

const example = readFileSync(new URL('../../public/examples/seed-image-preprocessing.json', import.meta.url), 'utf8');

describe('a graph carried in a link', () => {
  it('comes back exactly as it went in, in the fragment of the editor address', async () => {
    const link = await graphLink(example, 'http://127.0.0.1:5173/tensorloom/?x=1');
    const url = new URL(link);
    expect(url.origin + url.pathname + url.search).toBe('http://127.0.0.1:5173/tensorloom/?x=1');
    expect(hasGraphLink(url.hash)).toBe(true);
    expect(url.hash).toMatch(/^#graph=[A-Za-z0-9_-]+$/);
    expect(await graphFromLink(url.hash)).toBe(example);
    // Deflated: the JSON's repetition (and its base64 image) is not sent twice over.
    expect(link.length).toBeLessThan(example.length);
  });

  it('says what is wrong with a link that carries no graph, or a damaged one', async () => {
    expect(hasGraphLink('#section-2')).toBe(false);
    await expect(graphFromLink('#section-2')).rejects.toThrow('the link carries no graph');
    await expect(graphFromLink('#graph=abc$')).rejects.toThrow('characters base64url has not');
    const link = new URL(await graphLink(example, 'http://localhost/')).hash;
    await expect(graphFromLink(link.slice(0, link.length / 2))).rejects.toThrow('damaged or cut short');
  });
});
