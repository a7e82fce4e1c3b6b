import { attrValueKey } from '../graph/attr-key';
import { own } from '../graph/own';
import { formatType } from '../graph/shape';
import type { PortRef } from '../graph/types';
import type { ResolvedNode } from '../graph/validate';
import type { PassName } from './plan';

/**
 * Equal keys mean the same trace: the ordered nodes with their ops, attributes and wiring, the
 * outputs, the passes and the budget. A fed value changes without re-tracing, so only its type is
 * part of it. Attribute values are written in the op's attribute order (resolved attributes list
 * every one, in that order), so their names need not be.
 */
export function traceKey(
  order: readonly ResolvedNode[],
  outputs: readonly PortRef[],
  passes: ReadonlySet<PassName>,
  maxBytes: number,
): string {
  const key = new KeyText();
  key.add(`passes=${[...passes].join(',')} maxBytes=${maxBytes}\n`);
  for (const r of outputs) key.add(r.node).char('.').add(r.port).char(',');
  for (const n of order) {
    key.char('\n').add(n.node.id).char('=').add(n.op.name).char('(');
    const feed = n.op.kind === 'feed';
    for (const name in n.attrs) if (!(feed && name === 'value')) key.add(attrValueKey(own(n.attrs, name)!)).char(',');
    if (feed)
      for (const [port, type] of Object.entries(n.types!)) key.add(port).char(':').add(formatType(type)).char(',');
    key.char(')');
    for (const port in n.inputs) {
      const v = own(n.inputs, port)!;
      key.char(' ').add(port).char('<');
      if (!Array.isArray(v))
        key
          .add((v as PortRef).node)
          .char('.')
          .add((v as PortRef).port);
      else for (const r of v as readonly PortRef[]) key.add(r.node).char('.').add(r.port).char('|');
    }
  }
  return key.toString();
}

/**
 * Text written into one buffer and decoded once. The keys of large graphs run to hundreds of
 * thousands of characters: gathered as many small strings (joined from an array, or concatenated)
 * they cost several times more per piece once they outgrow the caches. While the text is ASCII,
 * as ids and names nearly always are, it goes one byte per character into a scratch buffer kept
 * from key to key, and decodes about three times faster than UTF-16; the first other character
 * moves it to UTF-16 code units.
 */
class KeyText {
  private bytes = asciiScratch;
  private units: Uint16Array | null = null;
  private length = 0;

  add(text: string): this {
    if (this.units) return this.addUnits(text);
    if (this.length + text.length > this.bytes.length) this.bytes = grown(this.bytes, this.length + text.length);
    const bytes = this.bytes;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) return this.widen().addUnits(text.slice(i));
      bytes[this.length++] = code;
    }
    return this;
  }

  toString(): string {
    if (!this.units) {
      if (this.bytes.length <= SCRATCH_LIMIT) asciiScratch = this.bytes;
      return ASCII.decode(this.bytes.subarray(0, this.length));
    }
    const units = this.units.subarray(0, this.length);
    try {
      return UTF16.decode(units);
    } catch {
      // A lone surrogate (in some node id): the decoder would not keep it, so copy unit by unit.
      let text = '';
      for (let i = 0; i < units.length; i += 4096)
        text += String.fromCharCode.apply(null, units.subarray(i, i + 4096) as unknown as number[]);
      return text;
    }
  }

  /** One ASCII character: cheaper than `add` for the separators that make up much of a key. */
  char(c: string): this {
    if (this.units) return this.addUnits(c);
    if (this.length === this.bytes.length) this.bytes = grown(this.bytes, this.length + 1);
    this.bytes[this.length++] = c.charCodeAt(0);
    return this;
  }

  private addUnits(text: string): this {
    if (this.length + text.length > this.units!.length) this.units = grown(this.units!, this.length + text.length);
    for (let i = 0; i < text.length; i++) this.units![this.length++] = text.charCodeAt(i);
    return this;
  }

  private widen(): this {
    this.units = new Uint16Array(Math.max(2 * this.length, 1024));
    this.units.set(this.bytes.subarray(0, this.length));
    return this;
  }
}

/** A copy of `array` with room for at least `needed` elements. */
function grown<A extends Uint8Array | Uint16Array>(array: A, needed: number): A {
  const copy = new (array.constructor as new (length: number) => A)(Math.max(needed, 2 * array.length));
  copy.set(array);
  return copy;
}

/** The ASCII buffer `KeyText` writes into, kept for the next key unless it grew past the limit. */
let asciiScratch = new Uint8Array(1 << 16);
const SCRATCH_LIMIT = 1 << 22;
const ASCII = new TextDecoder('utf-8');
/** Decodes code units as the platform lays out a Uint16Array; throws rather than alter a lone surrogate. */
const UTF16 = new TextDecoder(new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'utf-16le' : 'utf-16be', {
  fatal: true,
});
