import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../app-context';
import './lessons.css';
import { useClearOfCard } from './use-clear-of-card';
import { useLessonHighlight } from './use-lesson-highlight';
import { useLessonWorld } from './use-lesson-world';

/**
 * The lesson under way: its step, what to do and whether it is done, Back, Next and Leave. A
 * non-modal panel in a corner of the canvas, so the learner works on the graph around it.
 */
export function LessonCard() {
  const app = useApp();
  const guide = app.lessons;
  const active = useStore(guide.store, (s) => s.active);
  const met = useStore(guide.store, (s) => s.met);
  const opening = useStore(guide.store, (s) => s.opening);
  const error = useStore(guide.store, (s) => s.error);
  const lesson = active ? guide.lessons.find((l) => l.id === active.lessonId) : undefined;
  const step = active && lesson ? lesson.steps[active.step] : undefined;
  const reading = useLessonWorld((world) => step?.reading?.(world) ?? null);
  useLessonHighlight(step?.highlight);
  const heading = useRef<HTMLHeadingElement>(null);
  const card = useRef<HTMLElement>(null);
  useClearOfCard(card, step !== undefined);
  // A new step is read from its start: the focus goes to its heading (not when a check turns true).
  useEffect(() => heading.current?.focus(), [active?.lessonId, active?.step]);

  if (error)
    return (
      <aside className="lesson-card lesson-note" aria-label="Lesson">
        <p className="error" role="alert">
          {error}
        </p>
        <div className="lesson-buttons">
          <button type="button" onClick={() => guide.dismissError()}>
            Close
          </button>
        </div>
      </aside>
    );
  if (!active || !lesson || !step)
    return opening ? (
      <p className="lesson-card lesson-note" role="status">
        Opening the lesson…
      </p>
    ) : null;
  const last = active.step === lesson.steps.length - 1;
  const nextLabel = last ? 'Finish' : 'Next';
  const waiting = step.check && !met ? 'Do the step’s task first' : null;

  return (
    <aside ref={card} className="lesson-card" aria-label={`Lesson: ${lesson.title}`}>
      <header className="lesson-header">
        <h2 ref={heading} tabIndex={-1}>
          {lesson.title}
        </h2>
        <span className="muted">
          Step {active.step + 1} of {lesson.steps.length}
        </span>
      </header>
      <div className="lesson-body">
        <p>{step.text}</p>
        {step.task && (
          <p className="lesson-task">
            <strong>Your turn:</strong> {step.task}
          </p>
        )}
        {reading && <p className="lesson-reading">{reading}</p>}
        {step.check && (
          <p role="status" className={met ? 'lesson-met' : 'muted'}>
            {met ? '✓ Done — press Next.' : 'Waiting for you to do it…'}
          </p>
        )}
      </div>
      <div className="lesson-buttons">
        <button type="button" onClick={() => guide.back()} disabled={active.step === 0}>
          Back
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => guide.next()}
          aria-disabled={waiting !== null || undefined}
          title={waiting ?? undefined}
        >
          {nextLabel}
        </button>
        <button type="button" onClick={() => guide.leave()} title="Close the lesson; the Learn menu resumes it">
          Leave
        </button>
      </div>
    </aside>
  );
}
