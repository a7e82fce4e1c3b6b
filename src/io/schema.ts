import { z } from 'zod';
import { DTYPES, elementCount } from '../graph/types';
import { expected, oneOf } from './issues';
import { NON_FINITE } from './tensor-values';

export const GRAPH_FORMAT = 'tensorloom.graph';

/** The format version this build writes; every older version is read through MIGRATIONS. */
export const CURRENT_VERSION = 1;

const tensorValue = z.union(
  [z.number(), z.enum(NON_FINITE), z.boolean()],
  expected('a number, "NaN", "Infinity" or "-Infinity"'),
);

// Aborting keeps the value-count check below from running on a shape that is already wrong.
const dim = z.int(expected('a non-negative integer')).min(0, { ...expected('a non-negative integer'), abort: true });

const tensorLiteral = z
  .strictObject({
    dtype: z.enum(DTYPES, expected(oneOf(DTYPES))),
    shape: z.array(dim, expected('an array of non-negative integers')),
    values: z.array(tensorValue, expected('an array of tensor values')),
  })
  .superRefine(({ dtype, shape, values }, ctx) => {
    const count = elementCount(shape);
    if (values.length !== count)
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: `shape [${shape.join(', ')}] holds ${count} value${count === 1 ? '' : 's'}, got ${values.length}`,
        input: values,
      });
    if (dtype !== 'bool')
      values.forEach((v, i) => {
        if (typeof v === 'boolean')
          ctx.addIssue({
            code: 'custom',
            path: ['values', i],
            message: `true and false belong in bool tensors; this one is ${dtype}, so write 1 or 0`,
            input: v,
          });
      });
  });

/** A script node's declared input or output. */
const portDecl = z.strictObject({
  name: z.string(expected('a port name')),
  dtype: z.enum(DTYPES, expected(oneOf(DTYPES))),
  shape: z.array(z.union([dim, z.null()]), expected('an array of sizes, null where a size varies')).optional(),
});

export const attrValue = z.union(
  [
    z.number(),
    z.boolean(),
    z.string(),
    z.null(),
    z.array(z.number(expected('a number')), expected('an array of numbers')),
    z.array(portDecl, expected('an array of port declarations {name, dtype, shape?}')),
    tensorLiteral,
  ],
  expected(
    'a number, true or false, a string, an array of numbers, port declarations, null or a tensor {dtype, shape, values}',
  ),
);

const position = z.strictObject(
  { x: z.number(expected('a number')), y: z.number(expected('a number')) },
  expected('a position {x, y}'),
);

const node = z.strictObject(
  {
    id: z.string(expected('a string')),
    op: z.string(expected('an op name')),
    name: z.string(expected('a string')).optional(),
    attrs: z.record(z.string(), attrValue, expected('an object of attribute values')),
    position: position.optional(),
  },
  expected('a node {id, op, attrs}'),
);

const edge = z.strictObject(
  {
    id: z.string(expected('a string')),
    source: z.string(expected('a node id')),
    sourcePort: z.string(expected('an output port name')),
    target: z.string(expected('a node id')),
    targetPort: z.string(expected('an input port name')),
  },
  expected('an edge {id, source, sourcePort, target, targetPort}'),
);

export const graphFileV1 = z
  .strictObject({
    format: z.literal(GRAPH_FORMAT),
    version: z.literal(CURRENT_VERSION),
    name: z.string(expected('a string')).optional(),
    description: z.string(expected('a string')).optional(),
    nodes: z.array(node, expected('an array of nodes')),
    edges: z.array(edge, expected('an array of edges')),
  })
  .superRefine(({ nodes, edges }, ctx) => {
    reportDuplicateIds(nodes, 'nodes', ctx);
    reportDuplicateIds(edges, 'edges', ctx);
  });

/** A graph file as stored: what `JSON.parse` gives back for a valid, current file. */
export type GraphFileV1 = z.infer<typeof graphFileV1>;
export type AttrValueJson = z.infer<typeof attrValue>;

function reportDuplicateIds(items: { id: string }[], list: 'nodes' | 'edges', ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  items.forEach(({ id }, i) => {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [list, i, 'id'],
        message: `duplicate ${list === 'nodes' ? 'node' : 'edge'} id ${JSON.stringify(id)}, already used by ${list}[${earlier}]`,
        input: id,
      });
  });
}
