import fc from 'fast-check';
import { PROTOTYPE_KEYS } from '../support/object-prototype';
import { arraysOf, leaf, objectsOf, slotsOf, stringIn, stringLeaf, textOf, treeOf, type JsonTree } from './json-tree';

/** Values of the wrong type for almost any field. */
const WRONG_VALUES = [
  'null',
  'true',
  'false',
  '0',
  '-1',
  '""',
  '"x"',
  '[]',
  '{}',
  '[1, 2]',
  '{"a": 1}',
  '[[]]',
  '[null]',
];

/** Numbers at and past the edges: too large for a double, for an int32, for exact integers; NaN as text. */
const EDGE_NUMBERS = [
  '1e308',
  '-1e308',
  '1e400',
  '-1e400',
  '9007199254740993',
  '-0',
  '5e-324',
  '1e-400',
  '2147483648',
  '-2147483649',
  '4294967296',
  '0.5',
  '-2.5',
  '123456789012345678901234567890',
  '"NaN"',
  '"Infinity"',
  '"-Infinity"',
  '"1e999"',
  // Not JSON at all, but what a careless writer produces.
  'NaN',
  'Infinity',
  '-Infinity',
  'undefined',
];

const NESTING_DEPTHS = [16, 1_000, 100_000];
const LONG_STRING_LENGTHS = [1_000, 100_000, 500_000];
/** 150,000 is past the ~123,000 problems in one field at which issue lists overflowed the stack (issue 10, finding 4). */
const BLOATED_LENGTHS = [1_000, 1_000, 150_000];
/** What a long string is made of: text, a newline, a terminal escape, a NUL, a lone surrogate. */
const LONG_STRING_UNITS = ['ab', 'x\n', '\u001b[2J', '\u0000', '\ud800', 'é'];

const FLIP_CHARS = ['"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', '0', '-', 'e', ' ', '\n', 'x'];
const INSERT_TEXTS = [',', '"', '{}', '[', ']]]]', '"__proto__": {"polluted": 1}, ', 'null', '\\u0000', '1e999'];

/** One edit of the document's structure; `at` and `pick` choose among what is there (modulo). */
export interface TreeMutation {
  readonly kind:
    | 'delete-key'
    | 'duplicate-key'
    | 'duplicate-item'
    | 'prototype-key'
    | 'prototype-name'
    | 'wrong-type'
    | 'edge-number'
    | 'nest'
    | 'long-string'
    | 'bloat';
  readonly at: number;
  readonly pick: number;
}

/** One edit of the file's text after the structure is written: `at` is a fraction of the length in 1/65536ths. */
export interface TextMutation {
  readonly kind: 'truncate' | 'flip' | 'insert' | 'delete-span';
  readonly at: number;
  readonly pick: number;
}

const position = fc.nat(65_535);
const choice = fc.nat(1_000);

/** How often each edit is drawn. A bloated field is rare: 150,000 problems take a second or two to report. */
const TREE_MUTATION_WEIGHTS: readonly (readonly [TreeMutation['kind'], number])[] = [
  ['delete-key', 4],
  ['duplicate-key', 3],
  ['duplicate-item', 3],
  ['prototype-key', 4],
  ['prototype-name', 6],
  ['wrong-type', 6],
  ['edge-number', 6],
  ['nest', 2],
  ['long-string', 2],
  ['bloat', 1],
];

const treeMutation: fc.Arbitrary<TreeMutation> = fc.record({
  kind: fc.oneof(...TREE_MUTATION_WEIGHTS.map(([kind, weight]) => ({ arbitrary: fc.constant(kind), weight }))),
  at: fc.nat(),
  pick: choice,
});

const textMutation: fc.Arbitrary<TextMutation> = fc.record({
  kind: fc.constantFrom('truncate', 'flip', 'insert', 'delete-span'),
  at: position,
  pick: choice,
});

export interface Mutations {
  readonly tree: readonly TreeMutation[];
  readonly text: readonly TextMutation[];
}

/** Up to four structural edits, and most of the time no textual one (which usually just breaks the JSON). */
export const mutations: fc.Arbitrary<Mutations> = fc.record({
  tree: fc.array(treeMutation, { minLength: 0, maxLength: 4 }),
  text: fc.oneof(
    { arbitrary: fc.constant([]), weight: 3 },
    { arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 2 }), weight: 1 },
  ),
});

/** The text of `document` with the mutations applied, in order. */
export function mutate(document: unknown, { tree: treeEdits, text: textEdits }: Mutations): string {
  const tree = treeOf(document);
  // A bloated list last: the other edits walk the whole tree, which it makes 150,000 nodes larger.
  const ordered = [...treeEdits.filter((e) => e.kind !== 'bloat'), ...treeEdits.filter((e) => e.kind === 'bloat')];
  for (const edit of ordered) applyTreeMutation(tree, edit);
  let text = `${textOf(tree)}\n`;
  for (const edit of textEdits) text = applyTextMutation(text, edit);
  return text;
}

const at = <T>(list: readonly T[], index: number): T | undefined => list[index % Math.max(1, list.length)];

function applyTreeMutation(tree: JsonTree, { kind, at: index, pick }: TreeMutation): void {
  switch (kind) {
    case 'delete-key': {
      const object = at(objectsOf(tree), index);
      if (object?.entries.length) object.entries.splice(pick % object.entries.length, 1);
      return;
    }
    case 'duplicate-key': {
      // JSON.parse keeps the last of repeated keys: the copy, with a value of the wrong type, comes second.
      const object = at(objectsOf(tree), index);
      const entry = object && at(object.entries, pick);
      if (entry) object.entries.push([entry[0], leaf(at(WRONG_VALUES, pick)!)]);
      return;
    }
    case 'duplicate-item': {
      const array = at(arraysOf(tree), index);
      const item = array && at(array.items, pick);
      if (item) array.items.push(structuredClone(item));
      return;
    }
    case 'prototype-key': {
      const object = at(objectsOf(tree), index);
      const entry = object && at(object.entries, pick);
      if (entry) entry[0] = at(PROTOTYPE_KEYS, pick)!;
      return;
    }
    case 'prototype-name':
      return renameEverywhere(tree, index, at(PROTOTYPE_KEYS, pick)!);
    case 'wrong-type':
      return at(slotsOf(tree), index)?.replace(leaf(at(WRONG_VALUES, pick)!));
    case 'edge-number':
      return at(slotsOf(tree), index)?.replace(leaf(at(EDGE_NUMBERS, pick)!));
    case 'nest': {
      const depth = at(NESTING_DEPTHS, pick)!;
      const nested = pick % 2 ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth);
      return at(slotsOf(tree), index)?.replace(leaf(nested));
    }
    case 'long-string': {
      const unit = at(LONG_STRING_UNITS, pick)!;
      const length = at(LONG_STRING_LENGTHS, Math.floor(pick / LONG_STRING_UNITS.length))!;
      const long = unit.repeat(Math.ceil(length / unit.length));
      // A key (an attribute's name) or a value (an id, an op, a port).
      const object = pick % 2 ? at(objectsOf(tree), index) : undefined;
      const entry = object && at(object.entries, pick);
      if (entry) entry[0] = long;
      else at(stringSlots(tree), index)?.replace(stringLeaf(long));
      return;
    }
    case 'bloat': {
      // A list of scalars (a tensor's values, a shape) grown to many entries, most of them wrong.
      const array = at(
        arraysOf(tree).filter((a) => a.items[0]?.kind === 'leaf'),
        index,
      );
      const first = array?.items[0];
      if (!array || !first) return;
      const item = pick % 2 ? first : leaf(at(WRONG_VALUES, pick)!);
      // An entry another edit made huge (100,000 nested brackets) is repeated fewer times: a file
      // past a string's length limit is one no editor could have saved.
      const size = item.kind === 'leaf' ? item.text.length : 1;
      const count = Math.min(at(BLOATED_LENGTHS, Math.floor(pick / 2))!, Math.ceil(50_000_000 / size));
      array.items = new Array<JsonTree>(count).fill(item);
      return;
    }
  }
}

function stringSlots(tree: JsonTree) {
  return slotsOf(tree).filter((slot) => stringIn(slot.node) !== null);
}

/**
 * Renames one string (a node id, a port, an op) to `name` wherever it occurs, as a value or as a
 * key, so that a node id renamed this way is still what its edges point at.
 */
function renameEverywhere(tree: JsonTree, index: number, name: string): void {
  const slot = at(stringSlots(tree), index);
  if (!slot) return;
  const old = stringIn(slot.node);
  for (const s of stringSlots(tree)) if (stringIn(s.node) === old) s.replace(stringLeaf(name));
  for (const object of objectsOf(tree)) for (const entry of object.entries) if (entry[0] === old) entry[0] = name;
}

function applyTextMutation(text: string, { kind, at: fraction, pick }: TextMutation): string {
  const i = Math.floor((fraction / 65_536) * text.length);
  switch (kind) {
    case 'truncate':
      return text.slice(0, i);
    case 'flip':
      return text.slice(0, i) + at(FLIP_CHARS, pick)! + text.slice(i + 1);
    case 'insert':
      return text.slice(0, i) + at(INSERT_TEXTS, pick)! + text.slice(i);
    case 'delete-span':
      return text.slice(0, i) + text.slice(i + 1 + (pick % 64));
  }
}
