import { docComment } from './comments';
import type { ModulePlan, PlannedOutput, PlannedStep } from './module-plan';
import { key } from './names';

/** Whether any step waits: for values read back, TensorFlow's checks or a script. */
export function runAwaits(plan: ModulePlan): boolean {
  return plan.steps.some((step) => step.awaits || step.before.length > 0);
}

/**
 * The run function. Where nothing waits, the steps run inside tf.tidy, which frees every
 * intermediate; otherwise a Scope frees each one after its last reader, and the rest if a step throws.
 */
export function runFunction(plan: ModulePlan): string[] {
  const params = [
    ...(plan.inputs.length ? ['inputs: Inputs'] : []),
    ...(plan.weights.length ? ['weights: Weights'] : []),
  ].join(', ');
  const given = [...(plan.inputs.length ? ['inputs'] : []), ...(plan.weights.length ? ['weights'] : [])];
  const doc = docComment([
    given.length
      ? `Computes the graph's outputs from its ${given.join(' and ')}. The caller frees what it passes in and what it gets back (tf.dispose); everything made in between is freed here.`
      : "Computes the graph's outputs, which the caller frees (tf.dispose); everything made in between is freed here.",
  ]);
  const outputs = outputsLiteral(plan.outputs);
  if (!runAwaits(plan))
    return [
      ...doc,
      `export function run(${params}): Outputs {`,
      '  return tf.tidy(() => {',
      ...plan.steps.flatMap(tidyStatements).map((line) => indent(line, 4)),
      `    return ${outputs};`,
      '  });',
      '}',
    ];
  return [
    ...doc,
    `export async function run(${params}): Promise<Outputs> {`,
    '  const scope = new Scope();',
    '  try {',
    ...scopedStatements(plan).map((line) => indent(line, 4)),
    `    return scope.keep(${outputs});`,
    '  } finally {',
    '    scope.dispose();',
    '  }',
    '}',
  ];
}

function tidyStatements({ value }: PlannedStep): string[] {
  if ('expression' in value) return [`const ${value.variables[0]} = ${value.expression};`];
  if ('list' in value) return [`const [${value.variables.join(', ')}] = ${value.list};`];
  return [...value.lines];
}

/** Each step with what it waits for first, its values tracked, and then the values it was the last to read freed. */
function scopedStatements(plan: ModulePlan): string[] {
  const kept = new Set(plan.outputs.flatMap((o) => o.ports.map((p) => p.expression)));
  const lastReader = new Map<string, number>();
  plan.steps.forEach((step, i) => {
    for (const v of step.value.variables) lastReader.set(v, i);
    for (const v of step.reads) lastReader.set(v, i);
  });
  const freedAfter = new Map<number, string[]>();
  for (const [variable, i] of lastReader)
    if (!kept.has(variable)) freedAfter.set(i, [...(freedAfter.get(i) ?? []), variable]);
  return plan.steps.flatMap((step, i) => {
    const freed = freedAfter.get(i);
    return [...step.before, ...trackedStatements(step), ...(freed ? [`scope.free(${freed.join(', ')});`] : [])];
  });
}

function trackedStatements({ value, composite, awaits }: PlannedStep): string[] {
  const tidy = composite && !awaits;
  const track = (made: string) => `scope.track(${tidy ? `tf.tidy(() => ${made})` : made})`;
  if ('expression' in value) return [`const ${value.variables[0]} = ${track(value.expression)};`];
  const list = `[${value.variables.join(', ')}]`;
  if ('list' in value) return [`const ${list} = ${track(value.list)};`];
  if (!tidy) return [...value.lines, `scope.track(${list});`];
  return [
    `const ${list} = scope.track(`,
    '  tf.tidy(() => {',
    ...value.lines.map((line) => indent(line, 4)),
    `    return ${list};`,
    '  }),',
    ');',
  ];
}

/** `{ id: expression }`, with a node's several outputs as an object by port. */
function outputsLiteral(outputs: readonly PlannedOutput[]): string {
  const entry = (name: string, value: string) => (name === value ? name : `${key(name)}: ${value}`);
  const entries = outputs.map(({ id, ports }) =>
    ports.length === 1
      ? entry(id, ports[0]!.expression)
      : `${key(id)}: { ${ports.map((p) => entry(p.port, p.expression)).join(', ')} }`,
  );
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/** Each line of `text` moved right by `spaces`, empty lines left empty. */
export function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => (line ? ' '.repeat(spaces) + line : line))
    .join('\n');
}
