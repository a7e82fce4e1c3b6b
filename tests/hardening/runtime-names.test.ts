import { afterAll, describe, expect, it } from 'vitest';
import type { AttrValue, Graph, PortDecl } from '../../src/graph/types';
import type { GradientReport, RunReport } from '../../src/runtime/reports';
import { GraphBuilder } from '../support/graph-builder';
import { prototypeChanges, snapshotObjectPrototype } from '../support/object-prototype';
import { sessions } from '../support/session';
import { expectValuesClose } from '../support/tf';

/**
 * Names are data: node ids, port and output names that are Object.prototype's own keys, or that
 * hold line breaks, run like any other and change nothing outside the graph.
 */
const newSession = sessions();

const before = snapshotObjectPrototype();
afterAll(() => {
  expect(prototypeChanges(before)).toEqual([]);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
});

const MODES = ['eager', 'graph'] as const;
const x = [0.5, 1, 2];
const ones = [1, 2, 3];

/** The report's nodes by id, in a Map: the ids are the very keys a plain object would get wrong. */
const nodesOf = (report: RunReport) => new Map(report.nodes.map((n) => [n.nodeId, n]));
const outputOf = (report: RunReport, node: string, port: string) =>
  report.outputs.find((o) => o.node === node && o.port === port)?.summary;

function gradient(report: GradientReport, node: string, port: string): readonly number[] | string {
  const byPort = Object.hasOwn(report.nodes, node) ? report.nodes[node]! : {};
  const g = Object.hasOwn(byPort, port) ? byPort[port]! : undefined;
  if (!g) return `no entry for ${node}.${port}`;
  return 'summary' in g ? g.summary.values : g.none;
}

describe('node ids that are Object.prototype keys', () => {
  // constructor = x; __proto__ = sin(x); toString = sin(x)·x; hasOwnProperty = [1, 2, 3] (folded in
  // graph mode); valueOf = toString + hasOwnProperty; propertyIsEnumerable = Σ valueOf.
  const graph = new GraphBuilder()
    .input('constructor', x)
    .node('__proto__', 'Sin', {}, { x: 'constructor' })
    .node('toString', 'Mul', {}, { x: '__proto__', y: 'constructor' })
    .constant('hasOwnProperty', ones)
    .node('valueOf', 'AddV2', {}, { x: 'toString', y: 'hasOwnProperty' })
    .node('propertyIsEnumerable', 'Sum', {}, { input: 'valueOf' })
    .build();
  const product = x.map((v) => v * Math.sin(v));
  const sum = product.reduce((a, b, i) => a + b + ones[i]!, 0);

  it.each(MODES)('run in %s mode with the values they should have, nothing skipped', async (mode) => {
    const report = await newSession().run(graph, { mode, outputs: ['__proto__', 'valueOf', 'propertyIsEnumerable'] });
    expect(report.diagnostics).toEqual([]);
    expect(report.error).toBeNull();
    const nodes = nodesOf(report);
    expect(nodes.size).toBe(6);
    for (const node of nodes.values()) expect(['ok', 'constant', 'folded']).toContain(node.status);
    expectValuesClose(outputOf(report, '__proto__', 'y')!.values, x.map(Math.sin), 1e-6);
    expectValuesClose(
      outputOf(report, 'valueOf', 'z')!.values,
      product.map((v, i) => v + ones[i]!),
      1e-6,
    );
    expectValuesClose(outputOf(report, 'propertyIsEnumerable', 'output')!.values, [sum], 1e-6);
    if (mode === 'eager') expect(Object.keys(nodes.get('__proto__')!.outputs)).toEqual(['y']);
  });

  it('carry gradients, reported under those ids: d Σ(x·sin x + c)/dx = sin x + x·cos x', async () => {
    const report = await newSession().computeGradients(graph, 'propertyIsEnumerable');
    expect(report.error).toBeNull();
    expect(Object.keys(report.nodes).sort()).toEqual(
      ['__proto__', 'constructor', 'hasOwnProperty', 'propertyIsEnumerable', 'toString', 'valueOf'].sort(),
    );
    expectValuesClose(
      gradient(report, 'constructor', 'output') as number[],
      x.map((v) => Math.sin(v) + v * Math.cos(v)),
      1e-6,
    );
    // d/d sin x = x, through the node whose id is __proto__.
    expectValuesClose(gradient(report, '__proto__', 'y') as number[], x, 1e-6);
  });
});

/** x → a script with the given outputs → (downstream) Neg of its first output. */
function scriptGraph(op: 'TensorScript' | 'ArrayScript', outputs: readonly PortDecl[], body: string): Graph {
  const attrs: Record<string, AttrValue> = { outputs, body };
  return new GraphBuilder()
    .input('x', x)
    .node('s', op, attrs, { x: 'x' })
    .node('after', 'Neg', {}, { x: `s.${outputs[0]!.name}` })
    .build();
}

const f32 = (name: string): PortDecl => ({ name, dtype: 'float32' });

describe('script outputs named __proto__ and constructor', () => {
  // Each body gives 2·x on the first output and x + 1 on the second, in one of the ways a body may.
  const bodies = {
    TensorScript: {
      list: 'return [tf.mul(x, 2), tf.add(x, 1)];',
      record: "return { ['__proto__']: tf.mul(x, 2), constructor: tf.add(x, 1) };",
    },
    ArrayScript: {
      list: 'return [x.map((v) => 2 * v), x.map((v) => v + 1)];',
      record: "return { ['__proto__']: x.map((v) => 2 * v), constructor: x.map((v) => v + 1) };",
    },
  };
  const cases = (['TensorScript', 'ArrayScript'] as const).flatMap((op) =>
    MODES.flatMap((mode) => (['list', 'record'] as const).map((form) => [op, mode, form] as const)),
  );

  it.each(cases)('%s in %s mode, returning a %s, runs and disposes', async (op, mode, form) => {
    const s = newSession();
    const graph = scriptGraph(op, [f32('__proto__'), f32('constructor')], bodies[op][form]);
    const report = await s.run(graph, { mode, outputs: ['s', 'after'] });
    expect(report.diagnostics).toEqual([]);
    expect(report.error).toBeNull();
    expectValuesClose(
      outputOf(report, 's', '__proto__')!.values,
      x.map((v) => 2 * v),
    );
    expectValuesClose(
      outputOf(report, 's', 'constructor')!.values,
      x.map((v) => v + 1),
    );
    expectValuesClose(
      outputOf(report, 'after', 'y')!.values,
      x.map((v) => -2 * v),
    );
    const ports = nodesOf(report).get('s')!.outputs;
    expect(Object.keys(ports).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(ports)).toBe(Object.prototype);
    expect(() => s.dispose()).not.toThrow();
  });

  it.each(['__proto__', 'constructor', 'toString'])('a single output named %s, returned as it is', async (name) => {
    const s = newSession();
    for (const op of ['TensorScript', 'ArrayScript'] as const) {
      const body = op === 'TensorScript' ? 'return tf.mul(x, 3);' : 'return x.map((v) => 3 * v);';
      const report = await s.run(scriptGraph(op, [f32(name)], body), { outputs: ['after'] });
      expect(report.error).toBeNull();
      expectValuesClose(
        outputOf(report, 'after', 'y')!.values,
        x.map((v) => -3 * v),
      );
    }
  });

  it('a missing output named constructor is reported, not taken from Object.prototype', async () => {
    const report = await newSession().run(
      scriptGraph('TensorScript', [f32('y'), f32('constructor')], 'return { y: x };'),
      { outputs: ['s'] },
    );
    expect(report.error).toEqual({
      nodeId: 's',
      message: 'output "constructor" is missing from what the body returned',
    });
  });

  it('gradients pass a tensor script through its output named __proto__ (d Σ -2x / dx = -2)', async () => {
    const graph = new GraphBuilder()
      .input('x', x)
      .node('s', 'TensorScript', { outputs: [f32('__proto__')], body: 'return tf.mul(x, 2);' }, { x: 'x' })
      .node('after', 'Neg', {}, { x: 's.__proto__' })
      .node('loss', 'Sum', {}, { input: 'after' })
      .build();
    const report = await newSession().computeGradients(graph, 'loss');
    expect(report.error).toBeNull();
    expect(gradient(report, 'x', 'output')).toEqual([-2, -2, -2]);
    expect(gradient(report, 's', '__proto__')).toEqual([-1, -1, -1]);
  });
});

describe('script inputs named __proto__ and constructor', () => {
  const c = [1, 2, 3];
  // y = __proto__ · constructor, and the gradient body's d/d__proto__ = constructor, d/dconstructor = __proto__.
  const graph = (op: 'TensorScript' | 'ArrayScript') =>
    new GraphBuilder()
      .input('a', x)
      .input('b', c)
      .node(
        's',
        op,
        {
          inputs: [f32('__proto__'), f32('constructor')],
          body:
            op === 'TensorScript'
              ? 'return tf.mul(__proto__, constructor);'
              : 'return __proto__.map((v, i) => v * constructor[i]);',
          gradient: 'return [tf.mul(dy, constructor), tf.mul(dy, __proto__)];',
        },
        { ['__proto__']: 'a', constructor: 'b' },
      )
      .node('loss', 'Sum', {}, { input: 's' })
      .build();

  it.each(['TensorScript', 'ArrayScript'] as const)(
    '%s sees them as its variables, values and gradients',
    async (op) => {
      const s = newSession();
      for (const mode of MODES) {
        const report = await s.run(graph(op), { mode, outputs: ['s'] });
        expect(report.error).toBeNull();
        expectValuesClose(
          report.outputs[0]!.summary.values,
          x.map((v, i) => v * c[i]!),
        );
      }
      const gradients = await s.computeGradients(graph(op), 'loss');
      expect(gradients.error).toBeNull();
      expectValuesClose(gradient(gradients, 'a', 'output') as number[], c);
      expectValuesClose(gradient(gradients, 'b', 'output') as number[], x);
    },
  );
});

describe('node ids in compiled script bodies', () => {
  const pwned = () => (globalThis as { pwned?: unknown }).pwned;
  const hostile = [
    'x\nglobalThis.pwned=1//',
    'x\rglobalThis.pwned=1//',
    'x\u2028globalThis.pwned=1//',
    'x\u2029globalThis.pwned=1//',
    'x*/globalThis.pwned=1/*',
    'x\ud800\nglobalThis.pwned=1//',
  ];

  it.each(hostile.map((id) => [JSON.stringify(id), id]))('the id %s runs no code of its own', async (_, id) => {
    const s = newSession();
    for (const op of ['TensorScript', 'ArrayScript'] as const) {
      const body = op === 'TensorScript' ? 'return tf.mul(x, 2);' : 'return x.map((v) => 2 * v);';
      const graph = new GraphBuilder().input('x', x).node(id, op, { body }, { x: 'x' }).build();
      for (const mode of MODES) {
        const report = await s.run(graph, { mode });
        expect(report.error).toBeNull();
        expectValuesClose(
          outputOf(report, id, 'y')!.values,
          x.map((v) => 2 * v),
        );
        expect(pwned()).toBeUndefined();
      }
    }
  });

  it("still finds the user's line in an error from a node with such an id", async () => {
    const id = 'x\nglobalThis.pwned=1//';
    const graph = new GraphBuilder()
      .input('x', x)
      .node(id, 'TensorScript', { body: 'const a = 1;\nthrow new Error("bad input");' }, { x: 'x' })
      .build();
    const report = await newSession().run(graph);
    expect(report.error).toEqual({ nodeId: id, message: 'bad input (line 2, column 7)' });
    expect(pwned()).toBeUndefined();
  });
});
