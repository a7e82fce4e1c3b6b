import { createStore } from 'zustand/vanilla';
import type { DocumentSettings } from '../../graph/document-settings';
import type { Graph } from '../../graph/types';
import type { DocumentStore } from '../document-store';
import { openGraph } from '../layout';
import type { RunStore } from '../run-store';
import type { SelectionStore } from '../selection-store';
import type { Lesson, LessonWorld } from './lesson';
import { parseProgress, progressOf, serializeProgress, type Progress } from './progress';

/** Where the progress is kept across sessions: localStorage in the browser. */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const PROGRESS_KEY = 'tensorloom:lessons';

export interface LessonState {
  readonly progress: Progress;
  /** The lesson under way and the index of its step; null when none is. */
  readonly active: { readonly lessonId: string; readonly step: number } | null;
  /** The active step's check holds (a step without one is met). */
  readonly met: boolean;
  /** The lesson's graph is being opened. */
  readonly opening: boolean;
  /** Why the last lesson asked for could not open. */
  readonly error: string | null;
}

interface Stores {
  readonly doc: DocumentStore;
  readonly run: RunStore;
  readonly selection: SelectionStore;
}

type LoadLesson = (file: string) => Promise<{ graph: Graph; settings?: DocumentSettings }>;

/**
 * Runs the lessons: opens a lesson's graph, moves through its steps once each step's check holds,
 * and keeps the progress. Opening another graph leaves the lesson where it was.
 */
export class LessonGuide {
  readonly store;
  /** The document load that opened the active lesson's graph: resuming while it is still open keeps the learner's edits. */
  private opened: { readonly lessonId: string; readonly loads: number } | null = null;
  private loadingGraph = false;

  constructor(
    private readonly stores: Stores,
    readonly lessons: readonly Lesson[],
    private readonly load: LoadLesson,
    private readonly storage: ProgressStorage | null,
  ) {
    this.store = createStore<LessonState>()(() => ({
      progress: parseProgress(storage?.getItem(PROGRESS_KEY) ?? null, lessons),
      active: null,
      met: false,
      opening: false,
      error: null,
    }));
    stores.doc.subscribe((now, before) => {
      if (now.loads !== before.loads && !this.loadingGraph && this.store.getState().active) this.leave();
      else this.refresh();
    });
    stores.run.subscribe(() => this.refresh());
    stores.selection.subscribe(() => this.refresh());
  }

  /** What the checks read now. */
  world(): LessonWorld {
    const { graph, settings } = this.stores.doc.getState();
    return { graph, settings, run: this.stores.run.getState(), selection: this.stores.selection.getState().nodes };
  }

  /** Starts a lesson, or resumes it at the step it was left at; its graph opens unless it still is. */
  async start(lessonId: string): Promise<void> {
    const lesson = this.lesson(lessonId);
    if (!lesson) return;
    const step = progressOf(this.store.getState().progress, lessonId).step ?? 0;
    const stillOpen = this.opened?.lessonId === lessonId && this.opened.loads === this.stores.doc.getState().loads;
    if (!stillOpen) {
      this.store.setState({ opening: true, error: null });
      this.loadingGraph = true;
      try {
        const { graph, settings } = await this.load(lesson.file);
        await openGraph(this.stores, graph, 'example', null, true, settings);
        this.stores.selection.setState({ nodes: [], edges: [] });
      } catch (e) {
        this.store.setState({
          opening: false,
          error: `Cannot open the lesson ${lesson.title}: ${(e as Error).message}`,
        });
        return;
      } finally {
        this.loadingGraph = false;
      }
      this.opened = { lessonId, loads: this.stores.doc.getState().loads };
    }
    this.store.setState({ opening: false });
    this.goTo(lessonId, step);
  }

  /** The next step, once this one's check holds; after the last, the lesson is done. */
  next(): void {
    const { active, met } = this.store.getState();
    const lesson = active && this.lesson(active.lessonId);
    if (!active || !lesson || !met) return;
    if (active.step + 1 < lesson.steps.length) this.goTo(active.lessonId, active.step + 1);
    else this.finish();
  }

  back(): void {
    const { active } = this.store.getState();
    if (active && active.step > 0) this.goTo(active.lessonId, active.step - 1);
  }

  /** Closes the lesson; its progress stays, for Resume. */
  leave(): void {
    this.store.setState({ active: null, met: false });
  }

  dismissError(): void {
    this.store.setState({ error: null });
  }

  private finish(): void {
    const { active } = this.store.getState();
    if (!active) return;
    this.saveProgress(active.lessonId, { step: null, done: true });
    this.store.setState({ active: null, met: false });
  }

  private goTo(lessonId: string, step: number): void {
    const { done } = progressOf(this.store.getState().progress, lessonId);
    this.saveProgress(lessonId, { step, done });
    this.store.setState({ active: { lessonId, step } });
    this.refresh();
  }

  private refresh(): void {
    const { active, met } = this.store.getState();
    const check = active && this.lesson(active.lessonId)?.steps[active.step]?.check;
    const now = active ? (check ? check(this.world()) : true) : false;
    if (now !== met) this.store.setState({ met: now });
  }

  private saveProgress(lessonId: string, entry: { step: number | null; done: boolean }): void {
    const progress = new Map(this.store.getState().progress).set(lessonId, entry);
    this.store.setState({ progress });
    try {
      this.storage?.setItem(PROGRESS_KEY, serializeProgress(progress));
    } catch {
      // Storage full or refused (a private window): the progress lasts this session only.
    }
  }

  private lesson(id: string): Lesson | undefined {
    return this.lessons.find((l) => l.id === id);
  }
}
