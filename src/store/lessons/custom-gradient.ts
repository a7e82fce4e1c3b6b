import type { TensorSummary } from '../../runtime/summary';
import type { Lesson, LessonWorld } from './lesson';

/** The gradient of the loss target at x, when the panel has one. */
function gradientAtX(world: LessonWorld, target: string): TensorSummary | null {
  const { gradientTarget, gradients } = world.run;
  if (gradientTarget !== target || !gradients?.ok) return null;
  const atX = gradients.nodes['x']?.['output'];
  return atX && 'summary' in atX ? atX.summary : null;
}

const shown = (values: readonly number[]) =>
  `[${values.map((v) => (Number.isNaN(v) ? 'NaN' : Number(v.toPrecision(6)).toString())).join(', ')}]`;

export const customGradient: Lesson = {
  id: 'custom-gradient',
  title: 'Gradients and a custom gradient',
  summary: 'A loss target, its gradients, and a script whose gradient body (tf.custom_gradient) fixes a NaN.',
  file: 'lessons/custom-gradient.json',
  steps: [
    {
      text: 'Both rows compute log(1 + eˣ) at x = [0, 10, 100]. The top row is built from ops; the script log1pexp does the same in one body. Gradients are taken of a scalar, the loss: here each row is summed.',
      task: 'In the side panel\'s Gradients section, choose "naive_loss" as the Loss target.',
      highlight: { role: 'combobox', name: 'Loss target' },
      check: (w) => gradientAtX(w, 'naive_loss') !== null,
    },
    {
      text: 'tf.GradientTape works backwards through each op: the gradient of log(1 + eˣ) is eˣ / (1 + eˣ). At x = 100, eˣ overflows float32 to ∞, and ∞ / ∞ is NaN.',
      task: 'Select x to read d naive_loss / d x.',
      highlight: { node: 'x' },
      check: (w) => w.selection.includes('x') && (gradientAtX(w, 'naive_loss')?.nanCount ?? 0) > 0,
      reading: (w) => {
        const g = gradientAtX(w, 'naive_loss');
        return g && `d naive_loss / d x = ${shown(g.values)}`;
      },
    },
    {
      text: "The script log1pexp has a gradient body, the browser's @tf.custom_gradient: it returns upstream · (1 − 1 / (1 + eˣ)), the same derivative written so that it stays finite. Select the script to read it in the panel.",
      task: 'Choose "custom_loss" as the Loss target, then select x again.',
      highlight: { role: 'combobox', name: 'Loss target' },
      check: (w) => w.selection.includes('x') && gradientAtX(w, 'custom_loss')?.nanCount === 0,
      reading: (w) => {
        const g = gradientAtX(w, 'custom_loss');
        return g && `d custom_loss / d x = ${shown(g.values)}`;
      },
    },
    {
      text: 'Same function, same values, a usable gradient: a custom gradient replaces what the tape would derive from the ops inside. A script without a gradient body gets its gradient from the tf ops it calls (a tensor script), or none at all (an array script, like tf.numpy_function).',
    },
  ],
};
