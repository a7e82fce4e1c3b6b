import { formatType } from '../../graph/shape';
import { elementCount, type Graph, type TensorLiteral } from '../../graph/types';
import { scriptFunction, scriptHelpers } from '../codegen/script-functions';
import type { ExportedModelJson } from '../graph-model/export-graph-model';
import { docComment } from './comments';
import { tensorLiteral } from './literals';
import { SCOPE } from './module-helpers';
import type { ModulePlan } from './module-plan';
import { key, property } from './names';
import { runAwaits, runFunction } from './run-function';
import { weightsSource } from './weights';

/** The whole module: what it is and how to use it, its interfaces, weights, helpers, scripts and run. */
export function moduleText(graph: Graph, plan: ModulePlan, modelJson: ExportedModelJson): string {
  const helpers = [...plan.helpers.values(), ...(runAwaits(plan) ? [SCOPE] : [])].map((h) => h.source);
  const scriptNodes = plan.scripts.map(({ id }) => graph.nodes.find((n) => n.id === id)!);
  const scripts = plan.scripts.map(({ name }, k) => scriptFunction(scriptNodes[k]!, name));
  const sections = [
    [...header(graph, plan), "import * as tf from '@tensorflow/tfjs';"],
    ...(plan.inputs.length ? [inputsInterface(plan)] : []),
    outputsInterface(plan),
    ...(plan.weights.length ? [weightsSource(plan.weights, modelJson)] : []),
    ...helpers.map((source) => [source]),
    ...(scripts.length ? [[scriptHelpers(scriptNodes)], ...scripts.map((source) => [source])] : []),
    runFunction(plan),
  ];
  return sections.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}

/** What the module is, and a use of it with the values the graph holds. */
function header(graph: Graph, plan: ModulePlan): string[] {
  const awaits = runAwaits(plan);
  const feeds = plan.inputs.map(({ id, value }) => `${key(id)}: ${example(value)}`).join(', ');
  const args = [...(plan.inputs.length ? [`{ ${feeds} }`] : []), ...(plan.weights.length ? ['weights'] : [])];
  const [first] = plan.outputs;
  const use = [
    ...(plan.weights.length
      ? ['const weights = await loadWeights((path) => fetch(path).then((response) => response.arrayBuffer()));']
      : []),
    `const outputs = ${awaits ? 'await ' : ''}run(${args.join(', ')});`,
    ...(first
      ? [
          `${first.ports.length > 1 ? property(property('outputs', first.id), first.ports[0]!.port) : property('outputs', first.id)}.print();`,
        ]
      : []),
    `tf.dispose(outputs);${plan.weights.length ? ' // and tf.dispose(weights) when done' : ''}`,
  ];
  const title = graph.name ?? 'A graph';
  return docComment(
    [
      `${title}, written by Tensorloom as a module of @tensorflow/tfjs: \`run\` computes the graph's outputs as Tensorloom does on the CPU backend.`,
      ...(graph.description ? [graph.description] : []),
    ],
    use,
  );
}

/** A literal of the value an input holds in the graph, or zeros of its type where that is long. */
function example(value: TensorLiteral): string {
  return elementCount(value.shape) <= 16
    ? tensorLiteral(value)
    : `tf.zeros([${value.shape.join(', ')}]${value.dtype === 'float32' ? '' : `, '${value.dtype}'`})`;
}

function inputsInterface(plan: ModulePlan): string[] {
  return [
    "/** The graph's inputs, its Placeholders, by node id: tensors of these dtypes and shapes. */",
    'export interface Inputs {',
    ...plan.inputs.flatMap(({ id, value }) => [
      `  /** ${formatType({ dtype: value.dtype, shape: [...value.shape] })} */`,
      `  ${key(id)}: tf.Tensor;`,
    ]),
    '}',
  ];
}

function outputsInterface(plan: ModulePlan): string[] {
  return [
    '/** What the graph computes: its nodes that no other node reads, by node id (and port, for several). */',
    'export interface Outputs {',
    ...plan.outputs.flatMap(({ id, ports }) =>
      ports.length === 1
        ? [`  /** ${formatType(ports[0]!.type)} */`, `  ${key(id)}: tf.Tensor;`]
        : [
            `  ${key(id)}: {`,
            ...ports.flatMap(({ port, type }) => [`    /** ${formatType(type)} */`, `    ${key(port)}: tf.Tensor;`]),
            '  };',
          ],
    ),
    '}',
  ];
}
