import { currentReport, ms, statusIn } from './checks';
import type { Lesson, LessonWorld } from './lesson';

/**
 * The script's costs in the last profiled graph run (the Timeline's, or the run after it, which is
 * profiled too), when it read its input back to the host.
 */
function scriptCost(world: LessonWorld) {
  const timeline = currentReport(world, 'graph')?.timeline ?? world.run.comparison?.graph.timeline;
  const cost = timeline?.nodes.find((n) => n.nodeId === 'double_script');
  return cost && cost.readbacks > 0 && cost.scriptCalls > 0 ? cost : null;
}

export const scriptExitHatch: Lesson = {
  id: 'script-exit-hatch',
  title: 'Why a script is the exit hatch',
  summary:
    'A script cannot be folded, and it stops the device to read its inputs back: Show plan and the Timeline show both.',
  file: 'lessons/script-exit-hatch.json',
  steps: [
    {
      text: 'a · 2 is computed twice: by the Mul op, and by an array script (tf.numpy_function’s counterpart). Both read only constants, so both could be computed once, at compile time — if the optimizer could see inside them.',
      task: 'Turn on Show plan (top left of the canvas) and compare the two a·2 nodes.',
      highlight: { role: 'button', name: 'Show plan' },
      check: (w) => {
        const report = currentReport(w, 'graph');
        return (
          w.run.planShown && statusIn(report, 'doubled') === 'folded' && statusIn(report, 'double_script') === 'ok'
        );
      },
      reading: (w) => {
        const report = currentReport(w, 'graph');
        const op = statusIn(report, 'doubled');
        const script = statusIn(report, 'double_script');
        return op && script && `a·2 (op): ${op}. a·2 (script): ${script === 'ok' ? 'runs on every call' : script}.`;
      },
    },
    {
      text: 'The optimizer folded the op into a constant, but a script is opaque: arbitrary code, possibly with side effects, so it runs on every call. It runs on the host, too: its input is read back from the device first, a sync that stalls the device’s queue of work.',
      task: 'Press Timeline in the toolbar and find the script’s readback in the graph lane, then close it.',
      highlight: { role: 'button', name: 'Timeline' },
      check: (w) => scriptCost(w) !== null,
      reading: (w) => {
        const cost = scriptCost(w);
        return (
          cost &&
          `a·2 (script): ${cost.readbacks} readback${cost.readbacks === 1 ? '' : 's'}, ${cost.uploads} upload${cost.uploads === 1 ? '' : 's'}, ${cost.scriptCalls} script call, ${ms(cost.ms)}.`
        );
      },
    },
    {
      text: 'That is why TensorFlow calls tf.py_function and tf.numpy_function an exit hatch: they let any code into a graph, at the price of what makes a graph fast — no folding or other rewriting, a host round trip on every call, and a graph that cannot be saved without the code. Use ops where ops will do.',
    },
  ],
};
