const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Uint8Array's own base64 (Chromium 140+, Firefox 133+, Safari 18.2+; not Node 20). */
type NativeBase64 = Uint8Array & { toBase64(): string };
const NATIVE = typeof (Uint8Array.prototype as Partial<NativeBase64>).toBase64 === 'function';
const fromBase64 = (Uint8Array as { fromBase64?: (text: string, options: object) => Uint8Array }).fromBase64;

/** Every 12-bit value as its two base64 characters, for writing two at a time. */
const PAIRS = new Uint16Array(4096);
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
for (let i = 0; i < 4096; i++) {
  const [first, second] = [ALPHABET.charCodeAt(i >> 6), ALPHABET.charCodeAt(i & 63)];
  PAIRS[i] = HOST_LITTLE_ENDIAN ? first | (second << 8) : (first << 8) | second;
}

/**
 * Standard base64 with padding. Written out rather than through btoa, which wants a binary string:
 * building one from a model's megabytes of weights costs more than encoding them. Two characters
 * at a time from a table: a 10 MB model's weights take about a tenth of a second.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  if (NATIVE) return (bytes as NativeBase64).toBase64();
  const whole = bytes.length - (bytes.length % 3);
  const out = new Uint16Array(Math.ceil(bytes.length / 3) * 2);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = PAIRS[n >> 12]!;
    out[o++] = PAIRS[n & 4095]!;
  }
  const text = new TextDecoder('latin1').decode(new Uint8Array(out.buffer, 0, (whole / 3) * 4));
  const rest = bytes.length - whole;
  if (rest === 0) return text;
  const n = (bytes[whole]! << 16) | (rest === 2 ? bytes[whole + 1]! << 8 : 0);
  const tail = ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + (rest === 2 ? ALPHABET[(n >> 6) & 63]! : '=') + '=';
  return text + tail;
}

/** The bytes of standard, padded base64 text, or null when the text is not that. */
export function base64ToBytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  if (fromBase64) {
    try {
      return fromBase64(text, { lastChunkHandling: 'strict' });
    } catch {
      return null;
    }
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const last = i + 4 === text.length;
    const c = last && padding === 2 ? 0 : sextet(text, i + 2);
    const d = last && padding >= 1 ? 0 : sextet(text, i + 3);
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? DECODE[code]! : -1;
}
