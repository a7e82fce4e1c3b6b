import { parseSignature } from '../../graph/signature';
import type { RunReport } from '../../runtime/reports';
import { currentReport } from './checks';
import type { Lesson, LessonWorld } from './lesson';

/** Whether x's signature is [null, 3]: any number of rows of 3. */
function hasSignature(world: LessonWorld): boolean {
  const text = world.graph.nodes.find((n) => n.id === 'x')?.attrs['signature'];
  const shape = typeof text === 'string' ? parseSignature(text) : null;
  return shape?.length === 2 && shape[0] === null && shape[1] === 3;
}

const shapeChange = (reason: string) => reason.startsWith('input `x` changed shape');

/** The last graph run's trace note, as a sentence. */
function traceReading(report: RunReport | null): string | null {
  const trace = report?.trace;
  if (!trace) return null;
  const what = trace.traced ? `Traced: trace ${trace.number}` : `No retrace: trace ${trace.number} reused`;
  // The reasons quote names in backticks, which the card shows as plain text.
  return `${what}. ${trace.reasons.join('; ').replaceAll('`', '')}.`;
}

export const retracing: Lesson = {
  id: 'retracing',
  title: 'What retraces, and how a signature stops it',
  summary: 'A new input shape traces a new graph; an input signature with an unknown size does not.',
  file: 'lessons/retracing.json',
  steps: [
    {
      text: 'A tf.function traces its Python into a graph on the first call, and again whenever an input’s shape or dtype differs from every trace it has: each trace is specialised to its input shapes. x is [2, 3] now.',
      task: 'Select x and give it another shape with the same 3 columns, e.g. shape 4, 3.',
      highlight: { node: 'x' },
      check: (w) => {
        const trace = currentReport(w, 'graph')?.trace;
        return trace?.traced === true && trace.reasons.some(shapeChange);
      },
      reading: (w) => traceReading(currentReport(w, 'graph')),
    },
    {
      text: 'The Trace log in the status bar keeps every trace of this session, newest first: whether a run traced or reused a trace, and why, in the terms of TensorFlow’s rules of tracing.',
      task: 'Open the Trace log, find the trace your new shape made, and close it.',
      highlight: { role: 'button', name: /^Trace log/ },
    },
    {
      text: 'Each new shape costs a trace (TensorFlow warns when a function retraces often). An input_signature declares the shape once, with None where a size may vary: TensorSpec([None, 3]).',
      task: 'Set x’s signature to [null, 3] in the side panel.',
      highlight: { node: 'x' },
      check: (w) => hasSignature(w) && currentReport(w, 'graph') !== null,
      reading: (w) => traceReading(currentReport(w, 'graph')),
    },
    {
      text: 'Editing the signature traced once more: the graph is now traced for [null, 3], any number of rows of 3.',
      task: 'Change x’s shape again, to another number of rows (e.g. 5, 3).',
      highlight: { node: 'x' },
      check: (w) => {
        const trace = currentReport(w, 'graph')?.trace;
        return hasSignature(w) && trace?.traced === false && trace.reasons.some(shapeChange);
      },
      reading: (w) => traceReading(currentReport(w, 'graph')),
    },
    {
      text: 'The new shape fits the signature, so the trace is reused: one graph for every batch size. A shape that does not fit ([2, 4]) is refused instead of traced, as TensorFlow refuses a call that does not match its input_signature.',
    },
  ],
};
