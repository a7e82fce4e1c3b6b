import { validateGraph } from '../src/graph/validate';
import { elk } from '../src/layout/elk-engine';
import { toElkGraph } from '../src/layout/elk-graph';
import { layoutGraph } from '../src/layout/layout-graph';
import { nodeBoxes } from '../src/layout/node-box';
import { registry } from '../src/ops/registry';
import { resnetLike } from '../tests/support/layered-graphs';
import { ms } from './compiled';
import { medians, type Row } from './measure';

/**
 * Laying out a 1,000-node model with no positions (a ResNet-like chain of Conv2D → BiasAdd → Relu
 * blocks with skip adds, their weights as Const nodes), as opening one does: node boxes estimated,
 * the ELK graph built, ELK run, positions and routes read back. The peer is elkjs laying out the
 * same ELK graph, built beforehand (and copied for each run: ELK writes its result into it).
 */
export async function layoutOverhead(): Promise<Row> {
  const graph = resnetLike(1000);
  // The editor has validated the graph already (the canvas needs it).
  const validation = validateGraph(graph, registry);
  const engine = await elk();
  const prepared = toElkGraph(graph, nodeBoxes(graph, validation));
  const t = await medians(
    {
      tensorloom: () => layoutGraph(graph, nodeBoxes(graph, validation)),
      elkjs: () => engine.layout(structuredClone(prepared)),
    },
    { rounds: 5, warmup: 2 },
  );
  const ratio = t['tensorloom']! / t['elkjs']!;
  return {
    name: 'layout of a 1,000-node ResNet-like graph / elkjs alone',
    figure: ratio,
    target: '≤ 1.05',
    met: ratio <= 1.05,
    detail: `${ms(t['tensorloom']!)} vs ${ms(t['elkjs']!)}`,
  };
}
