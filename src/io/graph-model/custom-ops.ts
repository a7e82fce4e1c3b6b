import type { Graph, GraphNode } from '../../graph/types';
import { quote, scriptCall, scriptFunction, scriptHelpers } from '../codegen/script-functions';

/**
 * TensorFlow namespaces custom ops as `Namespace>Op`; a script node becomes its own op there, so
 * that no name of its can stand for a built-in op (tfjs consults custom ops first).
 */
const NAMESPACE = 'Tensorloom>';

/** The GraphDef attribute that keeps a script node whole, for an import to give it back. */
export const SCRIPT_NODE_ATTR = '_tensorloom_node';

export function isCustomOp(op: string): boolean {
  return op.startsWith(NAMESPACE);
}

/** Custom op names for the script nodes, from their ids, unique. */
export function customOpNames(scripts: readonly GraphNode[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const node of scripts) {
    const base = `${NAMESPACE}${node.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    names.set(node.id, name);
  }
  return names;
}

/**
 * register-ops.ts: registers each script as the tfjs custom op its GraphModel calls. Import it
 * before loading the model; scripts that await or read values back need `executeAsync`.
 */
export function registerOpsSource(graph: Graph, ops: ReadonlyMap<string, string>): string {
  const scripts = graph.nodes.filter((n) => ops.has(n.id));
  const names = functionNames(scripts);
  const functions = scripts.map((node) => scriptFunction(node, names.get(node.id)!));
  const registrations = scripts.map((node) => {
    const args = (node.attrs.inputs as readonly { name: string }[]).map((_, i) => `node.inputs[${i}]!`);
    const call = scriptCall(node, names.get(node.id)!, args);
    return `tf.registerOp(${quote(ops.get(node.id)!)}, ${call.includes('await') ? 'async ' : ''}(node) => ${call});`;
  });
  return [
    `// Registers the scripts of ${graph.name ? `"${graph.name}"` : 'a Tensorloom graph'} as the tfjs custom ops its model.json calls.`,
    '// Import this module before tf.loadGraphModel; a model whose scripts await runs with executeAsync.',
    "import * as tf from '@tensorflow/tfjs';",
    '',
    scriptHelpers(scripts),
    '',
    ...functions.flatMap((f) => [f, '']),
    ...registrations,
    '',
  ].join('\n');
}

/** Function names from the node ids: letters, digits and underscores, not starting with a digit, unique. */
function functionNames(scripts: readonly GraphNode[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const node of scripts) {
    const cleaned = node.id.replace(/[^A-Za-z0-9_]/g, '_');
    const base = /^[A-Za-z_]/.test(cleaned) ? cleaned : `script_${cleaned}`;
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    names.set(node.id, name);
  }
  return names;
}
