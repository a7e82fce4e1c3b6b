import fc from 'fast-check';
import type { AttrValue, Graph, GraphEdge, GraphNode, TensorLiteral } from '../../src/graph/types';
import { OPS } from '../../src/ops/registry';
import { PROTOTYPE_KEYS } from '../support/object-prototype';

/**
 * Graphs with any structure at all, as an edit or a hand-written file can make them: ops known and
 * unknown, wires to ports and nodes that may not exist, attributes of any name and type. Only
 * validation's judgement makes them valid or not.
 */

const opNames = OPS.map((op) => op.name);
const portNames = [...new Set(OPS.flatMap((op) => [...Object.keys(op.inputs), ...op.outputs]))];
const attrNames = [...new Set(OPS.flatMap((op) => Object.keys(op.attrs)))];

const text = (known: readonly string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...known), weight: 6 },
    { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 2 },
    { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
  );

const smallInt = fc.integer({ min: -3, max: 4 });
const number = fc.oneof(
  { arbitrary: smallInt, weight: 6 },
  { arbitrary: fc.double({ min: -4, max: 4, noNaN: true }), weight: 2 },
  { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 31, 1e300), weight: 1 },
);

const tensorLiteral: fc.Arbitrary<TensorLiteral> = fc
  .record({
    dtype: fc.constantFrom('float32', 'int32', 'bool'),
    shape: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
    // Sometimes not the count the shape holds, for validation to notice.
    extra: fc.oneof(
      { arbitrary: fc.constant(0), weight: 8 },
      { arbitrary: fc.integer({ min: -1, max: 2 }), weight: 1 },
    ),
    values: fc.array(number, { minLength: 30, maxLength: 30 }),
  })
  .map(({ dtype, shape, extra, values }) => {
    const count = Math.max(0, shape.reduce((a, b) => a * b, 1) + extra);
    return { dtype, shape, values: Array.from({ length: count }, (_, i) => values[i % values.length]!) };
  });

const portDecls = fc.array(
  fc.record(
    {
      name: text(['x', 'y', 'z']),
      dtype: fc.constantFrom('float32', 'int32', 'bool'),
      shape: fc.array(fc.option(fc.integer({ min: 0, max: 3 })), { maxLength: 3 }),
    },
    // Graphs come from JSON or the editor: their objects have Object.prototype.
    { requiredKeys: ['name', 'dtype'], noNullPrototype: true },
  ),
  { maxLength: 3 },
);

export const attrValue: fc.Arbitrary<AttrValue> = fc.oneof(
  number,
  fc.boolean(),
  text(['NHWC', 'VALID', 'SAME', 'float32', 'int32', 'ij,jk->ik', 'return x;']),
  fc.constant(null),
  fc.array(smallInt, { maxLength: 5 }),
  tensorLiteral,
  portDecls,
);

const node: fc.Arbitrary<GraphNode> = fc.record(
  {
    id: text(['a', 'b', 'c', 'd']),
    op: text(opNames),
    attrs: fc.dictionary(text(attrNames), attrValue, { maxKeys: 4, noNullPrototype: true }),
  },
  { noNullPrototype: true },
);

const edge: fc.Arbitrary<Omit<GraphEdge, 'id'>> = fc.record(
  {
    source: text(['a', 'b', 'c', 'd']),
    sourcePort: text(portNames),
    target: text(['a', 'b', 'c', 'd']),
    // `name:k` is how a variadic input's k-th value is wired.
    targetPort: fc.oneof(
      text(portNames),
      fc.tuple(text(portNames), fc.integer({ min: -1, max: 3 })).map(([p, k]) => `${p}:${k}`),
    ),
  },
  { noNullPrototype: true },
);

export const randomGraph: fc.Arbitrary<Graph> = fc
  .record({ nodes: fc.array(node, { maxLength: 6 }), edges: fc.array(edge, { maxLength: 8 }) })
  .map(({ nodes, edges }) => ({ nodes, edges: edges.map((e, i) => ({ id: `e${i}`, ...e })) }));
