import { z } from 'zod';
import { expected } from './issues';
import { ownRecord } from './own-record';
import { GRAPH_FORMAT } from './schema';
import { attrValueV1, type GraphFileV1 } from './version-1';

/**
 * Version 0, the pre-release draft: nodes carry `type`, `label`, `params` and a flat `x`, `y`;
 * edges are anonymous `[source, sourcePort, target, targetPort]` tuples. It was never released;
 * it is kept so that the migration path is exercised from the first release on.
 */
export const draftV0 = z.strictObject({
  format: z.literal(GRAPH_FORMAT),
  version: z.literal(0),
  nodes: z.array(
    z.strictObject(
      {
        id: z.string(expected('a string')),
        type: z.string(expected('an op name')),
        label: z.string(expected('a string')).optional(),
        params: ownRecord(attrValueV1, expected('an object of attribute values')),
        x: z.number(expected('a number')),
        y: z.number(expected('a number')),
      },
      expected('a node {id, type, params, x, y}'),
    ),
    expected('an array of nodes'),
  ),
  links: z.array(
    z.tuple(
      [
        z.string(expected('a node id')),
        z.string(expected('an output port name')),
        z.string(expected('a node id')),
        z.string(expected('an input port name')),
      ],
      expected('a link [sourceId, sourcePort, targetId, targetPort]'),
    ),
    expected('an array of links'),
  ),
});

/** Links had no ids; their place in the list is the only identity they have, so it becomes the id. */
export function upgradeDraftV0(draft: z.infer<typeof draftV0>): GraphFileV1 {
  return {
    format: GRAPH_FORMAT,
    version: 1,
    nodes: draft.nodes.map(({ id, type, label, params, x, y }) => ({
      id,
      op: type,
      ...(label !== undefined && { name: label }),
      attrs: params,
      position: { x, y },
    })),
    edges: draft.links.map(([source, sourcePort, target, targetPort], i) => ({
      id: `e${i}`,
      source,
      sourcePort,
      target,
      targetPort,
    })),
  };
}
