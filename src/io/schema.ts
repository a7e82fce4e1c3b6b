import { z } from 'zod';
import { BACKEND_REQUESTS, EXECUTION_MODES, OPTIMIZER_PASSES } from '../graph/document-settings';
import { DTYPES, elementCount, type DType } from '../graph/types';
import { cappedReport, describe, expected, oneOf } from './issues';
import { ownRecord } from './own-record';
import { BYTES_PER_VALUE } from './tensor-bytes';
import { trainingSpec } from './training-schema';
import { NON_FINITE, type TensorValueJson } from './tensor-values';

export const GRAPH_FORMAT = 'tensorloom.graph';

/** The format version this build writes; every older version is read through MIGRATIONS. */
export const CURRENT_VERSION = 3;

/**
 * A list whose every entry `accepts`, checked in one loop rather than by a schema per entry: a
 * tensor may hold millions of values, and a damaged file as many problems, of which the first
 * MAX_ISSUES are reported and the rest counted.
 */
function listOf<T>(accepts: (value: unknown) => value is T, entry: string, entries: string) {
  return z.array(z.unknown(), expected(`an array of ${entries}`)).transform((list, ctx) => {
    const report = cappedReport(ctx);
    for (let i = 0; i < list.length; i++)
      if (!accepts(list[i])) report.add([i], `expected ${entry}, got ${describe(list[i])}`, list[i]);
    report.done();
    return list as T[];
  });
}

const isTensorValue = (v: unknown): v is TensorValueJson =>
  typeof v === 'number' || typeof v === 'boolean' || (NON_FINITE as readonly unknown[]).includes(v);
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isSizeOrNull = (v: unknown): v is number | null => v === null || (Number.isInteger(v) && (v as number) >= 0);

// Aborting keeps the value-count check below from running on a shape that is already wrong.
const dim = z.int(expected('a non-negative integer')).min(0, { ...expected('a non-negative integer'), abort: true });

const dtype = z.enum(DTYPES, expected(oneOf(DTYPES)));
const shape = z.array(dim, expected('an array of non-negative integers'));
const values = listOf(isTensorValue, 'a number, "NaN", "Infinity" or "-Infinity"', 'tensor values');

/** A tensor literal's fields when its values are written as JSON numbers, the only way before version 2. */
export const tensorWithValues = { dtype, shape, values };

/**
 * Since version 2, a tensor's values are either JSON numbers or, for large ones, `base64`: the
 * base64 of their little-endian bytes (float32, int32; bool one byte each).
 */
const tensorLiteral = z
  .strictObject({ dtype, shape, values: values.optional(), base64: z.string(expected('base64 text')).optional() })
  .superRefine(({ dtype, shape, values, base64 }, ctx) => {
    if ((values === undefined) === (base64 === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'a tensor holds either "values" or "base64", not both or neither',
        input: { values, base64 },
      });
    else if (values) checkTensorValues({ dtype, shape, values }, ctx);
    else checkBase64({ dtype, shape, base64: base64! }, ctx);
  });

// One character class rather than groups of four: the text can be megabytes long.
const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 spells 3 bytes in 4 characters, padded with '=': its length says how many bytes it holds. */
function checkBase64(
  { dtype, shape, base64 }: { dtype: DType; shape: number[]; base64: string },
  ctx: z.RefinementCtx,
) {
  const bytes = elementCount(shape) * BYTES_PER_VALUE[dtype];
  const length = Math.ceil(bytes / 3) * 4;
  const padding = (3 - (bytes % 3)) % 3;
  const problem = !BASE64_TEXT.test(base64)
    ? 'not base64 text: expected letters, digits, + and /, then = padding'
    : base64.length !== length || !base64.endsWith('='.repeat(padding)) || base64.at(-padding - 1) === '='
      ? `shape [${shape.join(', ')}] of ${dtype} takes ${bytes} bytes, which is ${length} base64 characters ending in ${padding} '='; got ${base64.length} characters`
      : null;
  if (problem) ctx.addIssue({ code: 'custom', path: ['base64'], message: problem, input: base64 });
}

type LiteralValues = { dtype: DType; shape: number[]; values: z.infer<typeof values> };

export function checkTensorValues({ dtype, shape, values }: LiteralValues, ctx: z.RefinementCtx): void {
  const count = elementCount(shape);
  if (values.length !== count)
    ctx.addIssue({
      code: 'custom',
      path: ['values'],
      message: `shape [${shape.join(', ')}] holds ${count} value${count === 1 ? '' : 's'}, got ${values.length}`,
      input: values,
    });
  if (dtype === 'bool') return;
  const report = cappedReport(ctx);
  for (let i = 0; i < values.length; i++)
    if (typeof values[i] === 'boolean')
      report.add(
        ['values', i],
        `true and false belong in bool tensors; this one is ${dtype}, so write 1 or 0`,
        values[i],
      );
  report.done();
}

/** A script node's declared input or output. */
const portDecl = z.strictObject({
  name: z.string(expected('a port name')),
  dtype: z.enum(DTYPES, expected(oneOf(DTYPES))),
  shape: listOf(isSizeOrNull, 'a non-negative integer or null', 'sizes, null where a size varies').optional(),
});

export const attrValueWith = <L extends z.ZodType>(literal: L) =>
  z.union(
    [
      z.number(),
      z.boolean(),
      z.string(),
      z.null(),
      listOf(isNumber, 'a number', 'numbers'),
      z.array(portDecl, expected('an array of port declarations {name, dtype, shape?}')),
      literal,
    ],
    expected(
      'a number, true or false, a string, an array of numbers, port declarations, null or a tensor {dtype, shape, values}',
    ),
  );
export const attrValue = attrValueWith(tensorLiteral);

/** Past this the canvas's arithmetic (edge paths, the minimap's view box) overflows to Infinity. */
const POSITION_LIMIT = 1e8;
const inCanvas = expected('a number from -100,000,000 to 100,000,000');
const coordinate = z.number(expected('a number')).min(-POSITION_LIMIT, inCanvas).max(POSITION_LIMIT, inCanvas);
const position = z.strictObject({ x: coordinate, y: coordinate }, expected('a position {x, y}'));

const nodeWith = <A extends z.ZodType>(attr: A) =>
  z.strictObject(
    {
      id: z.string(expected('a string')),
      op: z.string(expected('an op name')),
      name: z.string(expected('a string')).optional(),
      attrs: ownRecord(attr, expected('an object of attribute values')),
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

/** Since version 3: how the document runs (its loss target, execution mode and backend). */
const documentSettings = z.strictObject(
  {
    lossTarget: z.string(expected('a node id')).optional(),
    mode: z.enum(EXECUTION_MODES, expected(oneOf(EXECUTION_MODES))).optional(),
    backend: z.enum(BACKEND_REQUESTS, expected(oneOf(BACKEND_REQUESTS))).optional(),
    passes: z
      .array(z.enum(OPTIMIZER_PASSES, expected(oneOf(OPTIMIZER_PASSES))), expected('a list of pass names'))
      .optional(),
    outputs: z.array(z.string(expected('a node id')), expected('a list of node ids')).optional(),
  },
  expected('settings {lossTarget?, mode?, backend?, passes?, outputs?}'),
);

const graphFields = <V extends number, A extends z.ZodType>(version: V, attr: A) => ({
  format: z.literal(GRAPH_FORMAT),
  version: z.literal(version),
  name: z.string(expected('a string')).optional(),
  description: z.string(expected('a string')).optional(),
  training: trainingSpec.optional(),
  nodes: z.array(nodeWith(attr), expected('an array of nodes')),
  edges: z.array(edge, expected('an array of edges')),
});

function noDuplicateIds({ nodes, edges }: { nodes: { id: string }[]; edges: { id: string }[] }, ctx: z.RefinementCtx) {
  reportDuplicateIds(nodes, 'nodes', ctx);
  reportDuplicateIds(edges, 'edges', ctx);
}

/** A graph file of version 1 or 2, whose attribute values take the form `attr`: the two differ only there. */
export const graphFileWith = <V extends number, A extends z.ZodType>(version: V, attr: A) =>
  z.strictObject(graphFields(version, attr)).superRefine(noDuplicateIds);

/** The current version: version 2's fields, and `settings`. */
export const graphFile = z
  .strictObject({ ...graphFields(CURRENT_VERSION, attrValue), settings: documentSettings.optional() })
  .superRefine(noDuplicateIds);

/** A graph file as stored: what `JSON.parse` gives back for a valid, current file. */
export type GraphFile = z.infer<typeof graphFile>;
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
