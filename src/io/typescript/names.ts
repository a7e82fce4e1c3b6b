import { quote } from '../codegen/script-functions';

/** Words a variable cannot be, and globals the generated code reads. */
const RESERVED = new Set([
  ...'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await async arguments eval'.split(
    ' ',
  ),
  ...'undefined NaN Infinity Math Number Array Object Promise Error String Boolean Symbol JSON Map Set Int32Array Float32Array Uint8Array ArrayBuffer'.split(
    ' ',
  ),
]);

/** `text` as a valid identifier: letters, digits, _ and $, not starting with a digit. */
export function identifier(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[A-Za-z_$]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** Gives out identifiers, each once, never a reserved word or one of the names `taken` from the start. */
export class Names {
  private readonly taken: Set<string>;

  constructor(taken: Iterable<string> = []) {
    this.taken = new Set([...RESERVED, ...taken]);
  }

  /** An identifier like `wanted`, with a number added where that is taken. */
  fresh(wanted: string): string {
    const base = identifier(wanted);
    let name = base;
    for (let k = 2; this.taken.has(name); k++) name = `${base}_${k}`;
    this.taken.add(name);
    return name;
  }
}

/** A property of an object: `.name`, or `['name']` where the key is not an identifier. */
export function property(object: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${object}.${key}` : `${object}[${quote(key)}]`;
}

/** An interface's or object literal's key: the name itself, or quoted where it is not an identifier. */
export function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name);
}
