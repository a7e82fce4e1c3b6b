import { customGradient } from './custom-gradient';
import { eagerVsGraph } from './eager-vs-graph';
import { foldingAndPruning } from './folding-and-pruning';
import type { Lesson } from './lesson';
import { nonStrict } from './non-strict';
import { retracing } from './retracing';
import { scriptExitHatch } from './script-exit-hatch';

/** The lessons in the Learn menu's order: a plain frozen list; a duplicate id is an error at load. */
export const LESSONS: readonly Lesson[] = lessonList([
  eagerVsGraph,
  retracing,
  foldingAndPruning,
  nonStrict,
  scriptExitHatch,
  customGradient,
]);

function lessonList(lessons: readonly Lesson[]): readonly Lesson[] {
  const ids = new Set<string>();
  for (const lesson of lessons) {
    if (ids.has(lesson.id)) throw new Error(`two lessons have the id ${lesson.id}`);
    if (!lesson.steps.length) throw new Error(`lesson ${lesson.id} has no steps`);
    ids.add(lesson.id);
  }
  return Object.freeze([...lessons]);
}

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export type { Highlight, Lesson, LessonStep, LessonWorld } from './lesson';
