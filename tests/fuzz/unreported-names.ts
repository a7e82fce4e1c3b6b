import type { Graph } from '../../src/graph/types';
import type { Validation } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';

/**
 * A name that is not one of its op's ports or attributes must get a diagnostic, whatever it is:
 * a lookup of `constructor` or `toString` in a plain object finds Object.prototype's member, and the
 * name then passes for a real one. Checked for nodes whose id is unique and whose op's ports do not
 * depend on its attributes (scripts, Split…), which are the ones a name alone decides.
 * Returns the first such name that validation let through, or null.
 */
export function unreportedName(graph: Graph, validation: Validation): string | null {
  const count = new Map<string, number>();
  for (const node of graph.nodes) count.set(node.id, (count.get(node.id) ?? 0) + 1);
  const opOf = (id: string) => {
    const node = count.get(id) === 1 ? graph.nodes.find((n) => n.id === id) : undefined;
    return node && registry.get(node.op);
  };
  const { diagnostics } = validation;

  for (const node of graph.nodes) {
    const op = opOf(node.id);
    if (!op) continue;
    for (const attr of Object.keys(node.attrs))
      if (!Object.hasOwn(op.attrs, attr) && !diagnostics.some((d) => d.nodeId === node.id && d.attr === attr))
        return `attribute ${JSON.stringify(attr)} of ${node.id} (${op.name}) has no diagnostic`;
  }
  for (const edge of graph.edges) {
    const reported = diagnostics.some((d) => d.edgeId === edge.id);
    const target = opOf(edge.target);
    if (target && !target.ports && !Object.hasOwn(target.inputs, inputName(edge.targetPort)) && !reported)
      return `edge ${edge.id} into ${target.name}.${edge.targetPort}, which is no input, has no diagnostic`;
    const source = opOf(edge.source);
    if (source && !source.ports && !source.outputs.includes(edge.sourcePort) && !reported)
      return `edge ${edge.id} from ${source.name}.${edge.sourcePort}, which is no output, has no diagnostic`;
  }
  return null;
}

/** `values:2` names the third value of the input `values`. */
function inputName(port: string): string {
  const match = /^(.*):(\d+)$/.exec(port);
  return match ? match[1]! : port;
}
