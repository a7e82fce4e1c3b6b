/**
 * A graph carried in a link: its file's JSON, deflated and base64url-encoded after `#graph=`. The
 * fragment never reaches a server, so sharing a link shares the graph and nothing else.
 */
const PREFIX = '#graph=';

/** The link for a graph file's text, on `base` (the editor's own address). */
export async function graphLink(fileText: string, base: string): Promise<string> {
  const deflated = await transform(new TextEncoder().encode(fileText), new CompressionStream('deflate-raw'));
  const url = new URL(base);
  url.hash = PREFIX.slice(1) + toBase64Url(deflated);
  return url.href;
}

/** Whether a URL's fragment (`location.hash`) carries a graph. */
export function hasGraphLink(hash: string): boolean {
  return hash.startsWith(PREFIX);
}

/** The graph file's text a link's fragment carries; throws with a reason when it is damaged. */
export async function graphFromLink(hash: string): Promise<string> {
  if (!hasGraphLink(hash)) throw new Error('the link carries no graph (no "#graph=" in it)');
  const encoded = hash.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(encoded))
    throw new Error('the link is damaged: its graph has characters base64url has not');
  let inflated: Uint8Array;
  try {
    inflated = await transform(fromBase64Url(encoded), new DecompressionStream('deflate-raw'));
  } catch {
    throw new Error('the link is damaged or cut short: its graph does not decompress');
  }
  return new TextDecoder().decode(inflated);
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
