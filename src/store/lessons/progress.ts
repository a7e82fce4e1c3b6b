import { z } from 'zod';
import type { Lesson } from './lesson';

/** How far a learner got in one lesson. */
export interface LessonProgress {
  /** The step to resume at; null when the lesson is not under way. */
  readonly step: number | null;
  /** Finished at least once. */
  readonly done: boolean;
}

export type Progress = ReadonlyMap<string, LessonProgress>;

export const NOT_STARTED: LessonProgress = { step: null, done: false };

const saved = z.record(z.string(), z.object({ step: z.number().int().min(0).nullable(), done: z.boolean() }).strip());

/**
 * The progress saved as `text`, for the lessons that exist: a lesson no longer there is dropped,
 * a step past a lesson's end is taken back to its last step, and unreadable text reads as none.
 */
export function parseProgress(text: string | null, lessons: readonly Lesson[]): Map<string, LessonProgress> {
  const progress = new Map<string, LessonProgress>();
  if (text === null) return progress;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return progress;
  }
  const parsed = saved.safeParse(json);
  if (!parsed.success) return progress;
  const entries = new Map(Object.entries(parsed.data));
  for (const lesson of lessons) {
    const entry = entries.get(lesson.id);
    if (!entry) continue;
    const step = entry.step === null ? null : Math.min(entry.step, lesson.steps.length - 1);
    progress.set(lesson.id, { step, done: entry.done });
  }
  return progress;
}

export function serializeProgress(progress: Progress): string {
  return JSON.stringify(Object.fromEntries(progress));
}

export function progressOf(progress: Progress, lessonId: string): LessonProgress {
  return progress.get(lessonId) ?? NOT_STARTED;
}
