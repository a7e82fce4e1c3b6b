import type fc from 'fast-check';
import { checkEagerVsGraph, checkFileText, checkGraph, type Outcome } from './checks';
import { fileCase, fileCaseText, graphShapedJson } from './file-cases';
import { randomGraph } from './random-graphs';
import { buildNamedTwice, graphRecipe, type BuiltGraph } from './valid-graphs';

/** One property of the suite: cases, and what must hold for each. */
export interface FuzzProperty<T = unknown> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  readonly check: (value: T) => Promise<Outcome>;
  /** Cases in the unit suite: a few seconds' worth. */
  readonly unitRuns: number;
  /** This property's part of the long run's cases. */
  readonly share: number;
}

const property = <T>(p: FuzzProperty<T>) => p as FuzzProperty;

export const mutatedFiles = property({
  name: 'mutated graph files import to a graph or a clear error, then validate and run',
  arbitrary: fileCase,
  check: (c) => checkFileText(fileCaseText(c)),
  unitRuns: 150,
  share: 0.35,
});

export const graphShapedFiles = property({
  name: 'JSON shaped like a graph file imports to a graph or a clear error',
  arbitrary: graphShapedJson,
  check: (value) => checkFileText(JSON.stringify(value)),
  unitRuns: 300,
  share: 0.25,
});

export const anyStructure = property({
  name: 'graphs of any structure validate without throwing, report every unknown name, and run without throwing or leaking',
  arbitrary: randomGraph,
  check: (graph) => checkGraph(graph),
  unitRuns: 300,
  share: 0.25,
});

export const eagerEqualsGraph = property({
  name: 'valid graphs give the same values in eager and graph mode, and with plain names',
  arbitrary: graphRecipe,
  check: async (recipe) => {
    const built = buildNamedTwice(recipe);
    if (!built) return { kind: 'mismatch', detail: 'renaming nodes and ports changed which nodes validation accepts' };
    const { unusual, plain, nameOf } = built;
    const outputs = (b: BuiltGraph) => (recipe.everyOutput ? b.outputs : undefined);
    return checkEagerVsGraph(unusual.graph, outputs(unusual), { graph: plain.graph, outputs: outputs(plain), nameOf });
  },
  unitRuns: 100,
  share: 0.15,
});

/** Every property, in the order the long run takes them; their shares add up to 1. */
export const PROPERTIES: readonly FuzzProperty[] = [mutatedFiles, graphShapedFiles, anyStructure, eagerEqualsGraph];
