import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { Lesson } from '../../store/lessons';
import { progressOf, type LessonProgress } from '../../store/lessons/progress';
import { useApp } from '../app-context';
import './lessons.css';

/** How far the learner got, as the menu says it. */
function progressText(lesson: Lesson, progress: LessonProgress): string {
  if (progress.step !== null) return `Resume at step ${progress.step + 1} of ${lesson.steps.length}`;
  return progress.done ? 'Done ✓' : `${lesson.steps.length} steps`;
}

/**
 * The Learn menu button: the lessons, each with how far the learner got; choosing one starts it
 * or resumes it (the WAI-ARIA menu button pattern: arrows move, Escape closes).
 */
export function LearnMenu() {
  const app = useApp();
  const progress = useStore(app.lessons.store, (s) => s.progress);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const lessons = app.lessons.lessons;

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const outside = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };

  return (
    <div className="learn-menu">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'learn-menu-list' : undefined}
        title="Short guided lessons on graph and eager execution"
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Learn
      </button>
      {open && (
        <ul ref={menu} id="learn-menu-list" role="menu" aria-label="Lessons" onKeyDown={onMenuKey}>
          {lessons.map((lesson) => {
            const p = progressOf(progress, lesson.id);
            return (
              <li key={lesson.id} role="none">
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  title={lesson.summary}
                  onClick={() => {
                    close(false);
                    void app.lessons.start(lesson.id);
                  }}
                >
                  <span className="learn-title">{lesson.title}</span>
                  <span className={p.done && p.step === null ? 'learn-progress lesson-met' : 'learn-progress muted'}>
                    {progressText(lesson, p)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
