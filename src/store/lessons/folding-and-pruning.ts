import { enabledPasses } from '../../graph/settings-edits';
import { currentReport, statusIn } from './checks';
import type { Lesson, LessonWorld } from './lesson';

/** The steps of the last graph run's plan, when it ran the graph as it is now. */
function planSteps(world: LessonWorld): number | null {
  return currentReport(world, 'graph')?.optimization?.steps.length ?? null;
}

export const foldingAndPruning: Lesson = {
  id: 'folding-and-pruning',
  title: 'Constant folding and pruning',
  summary: 'Show plan: what Grappler-style passes folded and pruned; switch folding off and count the steps.',
  file: 'lessons/folding-and-pruning.json',
  steps: [
    {
      text: 'In graph mode the traced graph is optimized before it runs, pass by pass, as TensorFlow’s Grappler does. Show plan draws what the passes did: pruned nodes fade, folded nodes show the constant they became, and the steps that run are numbered.',
      task: 'Turn on Show plan (top left of the canvas) and find exp(x) and 2·3.',
      highlight: { role: 'button', name: 'Show plan' },
      check: (w) => {
        const report = currentReport(w, 'graph');
        return w.run.planShown && statusIn(report, 'six') === 'folded' && statusIn(report, 'unused') === 'pruned';
      },
      reading: (w) => {
        const steps = planSteps(w);
        return steps === null ? null : `The plan runs ${steps} steps: 2·3 was folded into 6, exp(x) was pruned.`;
      },
    },
    {
      text: 'Constant folding computed 2·3 once, while compiling: the plan holds the constant 6. Pruning dropped exp(x): the graph returns only y, and y does not need it.',
      task: 'Open Passes in the toolbar, switch off Fold constants and close it.',
      highlight: { role: 'button', name: 'Passes' },
      check: (w) => {
        const report = currentReport(w, 'graph');
        const fold = report?.optimization?.passes.find((p) => p.pass === 'fold');
        return (
          !enabledPasses(w.settings).includes('fold') && fold?.enabled === false && statusIn(report, 'six') === 'ok'
        );
      },
      reading: (w) => {
        const steps = planSteps(w);
        return steps === null ? null : `The plan now runs ${steps} steps.`;
      },
    },
    {
      text: 'Without folding, the two constants and 2·3 are steps of every call: the plan grew. Pruning still drops exp(x). What a graph returns decides what it computes.',
      task: 'Select exp(x) and tick "Returned by the graph" in the side panel.',
      highlight: { node: 'unused' },
      check: (w) =>
        (w.settings.outputs ?? []).includes('unused') && statusIn(currentReport(w, 'graph'), 'unused') === 'ok',
    },
    {
      text: 'Now exp(x) is an output, so it runs. In TensorFlow, a tf.function’s return values play this part: an op nothing returned needs is pruned. Switch Fold constants back on in Passes when you are done.',
    },
  ],
};
