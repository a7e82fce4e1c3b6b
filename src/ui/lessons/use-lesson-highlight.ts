import { useEffect } from 'react';
import type { Highlight } from '../../store/lessons';
import { findHighlight } from './find-highlight';

const ATTRIBUTE = 'data-lesson-highlight';

/**
 * Marks what the step points at with a ring (see lessons.css), following it as the page changes:
 * the control may appear later (a panel opened) and a node only once it is in view. An attribute
 * rather than a class, which React would overwrite on the next render.
 */
export function useLessonHighlight(highlight: Highlight | undefined): void {
  useEffect(() => {
    if (!highlight) return;
    let marked: HTMLElement | null = null;
    let frame = 0;
    const apply = () => {
      frame = 0;
      const target = findHighlight(document, highlight);
      if (target === marked) return;
      marked?.removeAttribute(ATTRIBUTE);
      target?.setAttribute(ATTRIBUTE, '');
      marked = target;
    };
    apply();
    const observer = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(apply);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      marked?.removeAttribute(ATTRIBUTE);
    };
  }, [highlight]);
}
