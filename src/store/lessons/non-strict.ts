import { currentReport, statusIn } from './checks';
import type { Lesson } from './lesson';

export const nonStrict: Lesson = {
  id: 'non-strict',
  title: 'Non-strict execution',
  summary: 'An op that fails eagerly is never run in graph mode when nothing the graph returns needs it.',
  file: 'lessons/non-strict.json',
  steps: [
    {
      text: 'x holds 6 values and new_shape asks for [4, 4]: the Reshape fails when it runs. Eager mode runs every op it reaches, as Python would, so this run has an error although y = x² came out fine.',
      task: 'Select "reshaped" to read its error.',
      highlight: { node: 'reshaped' },
      check: (w) => w.selection.includes('reshaped') && statusIn(currentReport(w, 'eager'), 'reshaped') === 'error',
    },
    {
      text: 'This graph returns only y (the "Returned by the graph" setting: TensorFlow\'s function outputs). A traced graph runs only the ops its outputs need: the failing Reshape is pruned and never runs.',
      task: 'Switch the execution mode to Graph.',
      highlight: { role: 'radio', name: 'Graph' },
      check: (w) => {
        const report = currentReport(w, 'graph');
        return report !== null && report.ok && statusIn(report, 'reshaped') === 'pruned';
      },
      reading: (w) => {
        const report = currentReport(w, 'graph');
        const status = statusIn(report, 'reshaped');
        return status && `In the graph run, reshaped is ${status}${report?.ok ? ' and the run succeeded' : ''}.`;
      },
    },
    {
      text: 'Pruning follows what the graph returns. Return the Reshape too, and the graph needs it: it runs, and fails, in graph mode as well.',
      task: 'Select "reshaped" and tick "Returned by the graph" in the side panel.',
      highlight: { node: 'reshaped' },
      check: (w) =>
        (w.settings.outputs ?? []).includes('reshaped') && statusIn(currentReport(w, 'graph'), 'reshaped') === 'error',
    },
    {
      text: 'TensorFlow calls this non-strict execution: an op runs only if the outputs depend on it. Code whose only effect is an error, or a value nobody reads, does not run in a tf.function — check values with an op whose result you return, or with tf.debugging asserts (which TensorFlow keeps by their control dependencies).',
    },
  ],
};
