import { afterAll, describe, expect, it } from 'vitest';
import type { Graph, PortDecl, TensorType } from '../../src/graph/types';
import { validateGraph } from '../../src/graph/validate';
import { planModule } from '../../src/io/typescript/module-plan';
import { registry } from '../../src/ops/registry';
import type { GradientReport, RunReport } from '../../src/runtime/reports';
import { GraphBuilder } from '../support/graph-builder';
import { prototypeChanges, snapshotObjectPrototype } from '../support/object-prototype';
import { sessions } from '../support/session';
import { expectValuesClose, live } from '../support/tf';

/**
 * One script node with several outputs named after Object.prototype's keys, itself with the id
 * `constructor`: each port is looked up by its own name, when its step runs, when a later step
 * reads it, on the gradient tape and when the graph is written as tfjs code.
 */
const newSession = sessions();

const before = snapshotObjectPrototype();
afterAll(() => expect(prototypeChanges(before)).toEqual([]));

const MODES = ['eager', 'graph'] as const;
const PORTS = ['constructor', 'toString', '__proto__', 'hasOwnProperty'] as const;
const x = [0.5, 1, 2];

const f32 = (name: string, shape = [3]): PortDecl => ({ name, dtype: 'float32', shape });

// Per port, in the order declared: 2x, x², sin x, x + 1.
const expected: Record<(typeof PORTS)[number], number[]> = {
  constructor: x.map((v) => 2 * v),
  toString: x.map((v) => v * v),
  ['__proto__']: x.map(Math.sin),
  hasOwnProperty: x.map((v) => v + 1),
};
// Their sum, x² + 3x + 1 + sin x, and the sum of that.
const sum = x.map((v) => v * v + 3 * v + 1 + Math.sin(v));
const loss = sum.reduce((a, b) => a + b, 0);

const bodies = {
  list: 'return [tf.mul(x, 2), tf.square(x), tf.sin(x), tf.add(x, 1)];',
  record:
    "return { hasOwnProperty: tf.add(x, 1), ['__proto__']: tf.sin(x), toString: tf.square(x), constructor: tf.mul(x, 2) };",
};

/** x → the script `constructor` → `sum`, the AddN of its four ports → `loss`, their Sum. */
function fourPorts(body: string): Graph {
  return new GraphBuilder()
    .input('x', x)
    .node('constructor', 'TensorScript', { outputs: PORTS.map((p) => f32(p)), body }, { x: 'x' })
    .node('sum', 'AddN', {}, Object.fromEntries(PORTS.map((port, i) => [`inputs:${i}`, `constructor.${port}`])))
    .node('loss', 'Sum', {}, { input: 'sum' })
    .build();
}

const outputOf = (report: RunReport, node: string, port: string) =>
  report.outputs.find((o) => o.node === node && o.port === port)?.summary.values;

function gradient(report: GradientReport, node: string, port: string): readonly number[] | string {
  const byPort = Object.hasOwn(report.nodes, node) ? report.nodes[node]! : {};
  const g = Object.hasOwn(byPort, port) ? byPort[port]! : undefined;
  if (!g) return `no entry for ${node}.${port}`;
  return 'summary' in g ? g.summary.values : g.none;
}

describe('a script node `constructor` with outputs constructor, toString, __proto__ and hasOwnProperty', () => {
  const cases = MODES.flatMap((mode) => (['list', 'record'] as const).map((form) => [mode, form] as const));

  it.each(cases)('runs in %s mode, its body returning a %s, each port with its value', async (mode, form) => {
    const baseline = live();
    const s = newSession();
    const report = await s.run(fourPorts(bodies[form]), { mode, outputs: ['constructor', 'sum', 'loss'] });
    expect(report.diagnostics).toEqual([]);
    expect(report.error).toBeNull();
    for (const port of PORTS) {
      const values = outputOf(report, 'constructor', port);
      expect(values, `constructor.${port}`).toBeDefined();
      expectValuesClose(values!, expected[port], 1e-6, `constructor.${port}`);
    }
    expectValuesClose(outputOf(report, 'sum', 'sum')!, sum, 1e-6, 'sum');
    expectValuesClose(outputOf(report, 'loss', 'output')!, [loss], 1e-6, 'loss');
    const script = report.nodes.find((n) => n.nodeId === 'constructor')!;
    expect(script.status).toBe('ok');
    if (mode === 'eager') {
      expect(Object.keys(script.outputs).sort()).toEqual([...PORTS].sort());
      expect(Object.getPrototypeOf(script.outputs)).toBe(Object.prototype);
    }
    s.dispose();
    expect(live(), 'tensors alive after the session is disposed').toBe(baseline);
  });

  it('passes the gradient through all four ports: d Σ(x² + 3x + 1 + sin x)/dx = 2x + 3 + cos x', async () => {
    const baseline = live();
    const s = newSession();
    const report = await s.computeGradients(fourPorts(bodies.record), 'loss');
    expect(report.error).toBeNull();
    expect(Object.keys(report.nodes['constructor']!).sort()).toEqual([...PORTS].sort());
    for (const port of PORTS) expectValuesClose(gradient(report, 'constructor', port) as number[], [1, 1, 1]);
    expectValuesClose(
      gradient(report, 'x', 'output') as number[],
      x.map((v) => 2 * v + 3 + Math.cos(v)),
      1e-6,
    );
    s.dispose();
    expect(live(), 'tensors alive after the session is disposed').toBe(baseline);
  });
});

describe('a script that awaits, with a gradient body, whose one output is named constructor', () => {
  // hasOwnProperty = exp(x), computed before the tape runs; its gradient body gives dy · output.
  const graph = new GraphBuilder()
    .input('x', x)
    .node(
      'hasOwnProperty',
      'TensorScript',
      {
        outputs: [f32('constructor')],
        body: 'await Promise.resolve();\nreturn tf.exp(x);',
        gradient: 'return tf.mul(dy, output);',
      },
      { x: 'x' },
    )
    .node('__proto__', 'Neg', {}, { x: 'hasOwnProperty.constructor' })
    .node('loss', 'Sum', {}, { input: '__proto__' })
    .build();

  it('runs in either mode, and its gradient body gets the value precomputed for that port: d Σ -exp(x)/dx = -exp(x)', async () => {
    const baseline = live();
    const s = newSession();
    for (const mode of MODES) {
      const report = await s.run(graph, { mode, outputs: ['hasOwnProperty', 'loss'] });
      expect(report.error).toBeNull();
      expectValuesClose(outputOf(report, 'hasOwnProperty', 'constructor')!, x.map(Math.exp), 1e-6);
      expectValuesClose(outputOf(report, 'loss', 'output')!, [-x.map(Math.exp).reduce((a, b) => a + b)], 1e-6);
    }
    const report = await s.computeGradients(graph, 'loss');
    expect(report.error).toBeNull();
    expectValuesClose(gradient(report, 'hasOwnProperty', 'constructor') as number[], [-1, -1, -1]);
    expectValuesClose(
      gradient(report, 'x', 'output') as number[],
      x.map((v) => -Math.exp(v)),
      1e-6,
    );
    s.dispose();
    expect(live(), 'tensors alive after the session is disposed').toBe(baseline);
  });
});

describe('the same ports written as tfjs code', () => {
  const declared: Record<(typeof PORTS)[number], TensorType> = {
    constructor: { dtype: 'float32', shape: [3] },
    toString: { dtype: 'int32', shape: [] },
    ['__proto__']: { dtype: 'float32', shape: [1, 3] },
    hasOwnProperty: { dtype: 'int32', shape: [3] },
  };
  const script = (b: GraphBuilder) =>
    b.input('x', x).node(
      'constructor',
      'TensorScript',
      {
        outputs: PORTS.map((name) => ({ name, ...declared[name] }) as PortDecl),
        body: 'return [x, tf.scalar(1, "int32"), tf.reshape(x, [1, 3]), tf.cast(x, "int32")];',
      },
      { x: 'x' },
    );
  const plan = (graph: Graph) => {
    const result = planModule(validateGraph(graph, registry), registry, []);
    if (!result.ok) throw new Error(result.message);
    return result.plan;
  };

  it('gives each output port of a node nothing reads the type declared for it, and a variable of its own', () => {
    const { outputs, steps } = plan(script(new GraphBuilder()).build());
    expect(outputs.map((o) => o.id)).toEqual(['constructor']);
    const ports = outputs[0]!.ports;
    expect(ports.map((p) => [p.port, p.type])).toEqual(PORTS.map((port) => [port, declared[port]]));
    const step = steps.find((st) => st.nodeId === 'constructor')!;
    expect(ports.map((p) => p.expression)).toEqual(step.value.variables);
    expect(new Set(step.value.variables).size).toBe(PORTS.length);
  });

  it('has a node that reads the port __proto__ read the variable of that port', () => {
    const { outputs, steps } = plan(
      script(new GraphBuilder()).node('valueOf', 'Neg', {}, { x: 'constructor.__proto__' }).build(),
    );
    const variables = steps.find((st) => st.nodeId === 'constructor')!.value.variables;
    expect(steps.find((st) => st.nodeId === 'valueOf')!.reads).toEqual([variables[PORTS.indexOf('__proto__')]]);
    expect(outputs.map((o) => [o.id, o.ports.map((p) => [p.port, p.type])])).toEqual([
      ['valueOf', [['y', declared['__proto__']]]],
    ]);
  });
});
