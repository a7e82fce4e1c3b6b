/**
 * A JSON document as written rather than as parsed: an object keeps repeated keys and a key named
 * `__proto__` as plain entries, and a leaf is its text, so it can be anything a file may hold (a
 * number too large for a double, `NaN`, a 100,000-deep bracket). Mutations edit it in place.
 */
export type JsonTree = JsonObject | JsonArray | JsonLeaf;

export interface JsonObject {
  kind: 'object';
  entries: [key: string, value: JsonTree][];
}
export interface JsonArray {
  kind: 'array';
  items: JsonTree[];
}
/** A scalar (or any text at all) exactly as it appears in the file. */
export interface JsonLeaf {
  kind: 'leaf';
  text: string;
}

export const leaf = (text: string): JsonLeaf => ({ kind: 'leaf', text });
export const stringLeaf = (value: string): JsonLeaf => leaf(JSON.stringify(value));

/** The tree of a parsed value (which holds no NaN: it came from JSON). */
export function treeOf(value: unknown): JsonTree {
  if (Array.isArray(value)) return { kind: 'array', items: value.map(treeOf) };
  if (value !== null && typeof value === 'object')
    return { kind: 'object', entries: Object.entries(value).map(([key, v]) => [key, treeOf(v)]) };
  return leaf(JSON.stringify(value));
}

/**
 * The file's text laid out as the editor saves it (an array of scalars on one line, the rest
 * indented), so that cutting it anywhere looks like a real cut.
 */
export function textOf(tree: JsonTree, indent = ''): string {
  if (tree.kind === 'leaf') return tree.text;
  // Indenting stops deepening at 64 levels: 100,000 levels nested, each line indented to its depth, would pass a string's length limit.
  const inner = indent.length < 128 ? `${indent}  ` : indent;
  if (tree.kind === 'array') {
    if (!tree.items.length) return '[]';
    if (tree.items.every((item) => item.kind === 'leaf'))
      return `[${tree.items.map((item) => textOf(item)).join(', ')}]`;
    return `[\n${tree.items.map((item) => inner + textOf(item, inner)).join(',\n')}\n${indent}]`;
  }
  return tree.entries.length
    ? `{\n${tree.entries.map(([key, value]) => `${inner}${JSON.stringify(key)}: ${textOf(value, inner)}`).join(',\n')}\n${indent}}`
    : '{}';
}

/** A place in the tree that can be replaced: the node, and how to put another in its place. */
export interface Slot {
  readonly node: JsonTree;
  replace(next: JsonTree): void;
}

/** Every node but the root, in document order. */
export function slotsOf(tree: JsonTree): Slot[] {
  const slots: Slot[] = [];
  const visit = (node: JsonTree) => {
    if (node.kind === 'array')
      node.items.forEach((item, i) => {
        slots.push({ node: item, replace: (next) => (node.items[i] = next) });
        visit(item);
      });
    else if (node.kind === 'object')
      node.entries.forEach((entry) => {
        slots.push({ node: entry[1], replace: (next) => (entry[1] = next) });
        visit(entry[1]);
      });
  };
  visit(tree);
  return slots;
}

export function objectsOf(tree: JsonTree): JsonObject[] {
  return nodesOf(tree).filter((n): n is JsonObject => n.kind === 'object');
}

export function arraysOf(tree: JsonTree): JsonArray[] {
  return nodesOf(tree).filter((n): n is JsonArray => n.kind === 'array');
}

function nodesOf(tree: JsonTree): JsonTree[] {
  return [tree, ...slotsOf(tree).map((s) => s.node)];
}

/** The string a leaf holds, or null when it is not a JSON string. */
export function stringIn(node: JsonTree): string | null {
  return node.kind === 'leaf' && node.text.startsWith('"') ? (JSON.parse(node.text) as string) : null;
}
