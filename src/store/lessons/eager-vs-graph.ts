import { currentReport, isSelected, mib, ms } from './checks';
import type { Lesson } from './lesson';

export const eagerVsGraph: Lesson = {
  id: 'eager-vs-graph',
  title: 'Eager vs graph',
  summary: 'The same ops run one by one, then as one traced graph: time and peak memory compared.',
  file: 'lessons/eager-vs-graph.json',
  steps: [
    {
      text: 'This graph runs eagerly, as TensorFlow 2 does by default: each op runs as soon as it is reached and its result is kept, so every intermediate can be inspected. Each one here is 32,768 × 8 float32 values: 1 MiB.',
      task: 'Select the node "square" to see the value eager mode kept.',
      highlight: { node: 'square' },
      check: (w) => isSelected(w, 'square') && currentReport(w, 'eager') !== null,
    },
    {
      text: 'Graph mode is tf.function: the ops are traced once into a graph, optimized, and run as a whole. An intermediate is freed right after its last reader needs it.',
      task: 'Switch the execution mode to Graph.',
      highlight: { role: 'radio', name: 'Graph' },
      check: (w) => currentReport(w, 'graph') !== null,
      reading: (w) => {
        const report = currentReport(w, 'graph');
        return report && `Graph run: ${ms(report.totalMs)}, peak memory ${mib(report.peakBytes)}.`;
      },
    },
    {
      text: 'Compare runs the graph both ways, one after the other, on the same backend.',
      task: 'Press Compare, then close its panel.',
      highlight: { role: 'button', name: 'Compare' },
      check: (w) => w.run.comparison !== null,
    },
    {
      text: 'Eager mode held every intermediate at once; graph mode held one or two at a time, because its plan frees each value after its last use. The time differs less on a small graph: tracing and dispatch cost about the same here.',
      reading: (w) => {
        const c = w.run.comparison;
        if (!c) return null;
        return `Eager: ${ms(c.eager.totalMs)}, peak ${mib(c.eager.peakBytes)}. Graph: ${ms(c.graph.totalMs)}, peak ${mib(c.graph.peakBytes)}.`;
      },
    },
  ],
};
