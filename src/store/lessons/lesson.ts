import type { DocumentSettings } from '../../graph/document-settings';
import type { Graph } from '../../graph/types';
import type { RunState } from '../run-store';

/** What a lesson's checks read: the document, the runs and what is selected — never the DOM. */
export interface LessonWorld {
  readonly graph: Graph;
  readonly settings: DocumentSettings;
  readonly run: RunState;
  /** The selected node ids. */
  readonly selection: readonly string[];
}

/**
 * What a step points at: a control by its accessible role and name (a pattern where the name carries
 * a figure, as in "Trace log (3 traces)"), or a node of the canvas by id.
 */
export type Highlight = { readonly role: string; readonly name: string | RegExp } | { readonly node: string };

export interface LessonStep {
  /** What to look at, in TensorFlow's terms. */
  readonly text: string;
  /** What the learner is asked to do; a step without one is only read. */
  readonly task?: string;
  readonly highlight?: Highlight;
  /** Holds once the task is done: Next waits for it. A pure function of the world. */
  readonly check?: (world: LessonWorld) => boolean;
  /** The figures the step is about, read from the world (null until there are any). */
  readonly reading?: (world: LessonWorld) => string | null;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  /** One line on what the learner will see. */
  readonly summary: string;
  /** Its graph: a file under public/examples/, opened the way examples are. */
  readonly file: string;
  readonly steps: readonly LessonStep[];
}
