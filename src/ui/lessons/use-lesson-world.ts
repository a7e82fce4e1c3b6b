import { useCallback, useSyncExternalStore } from 'react';
import type { LessonWorld } from '../../store/lessons';
import { useApp } from '../app-context';

/**
 * `read` applied to what lesson checks see (document, runs, selection), re-read when any of them
 * changes. `read` should return a primitive: a fresh object each time would re-render forever.
 */
export function useLessonWorld<T>(read: (world: LessonWorld) => T): T {
  const app = useApp();
  const subscribe = useCallback(
    (changed: () => void) => {
      const stops = [app.doc.subscribe(changed), app.run.subscribe(changed), app.selection.subscribe(changed)];
      return () => stops.forEach((stop) => stop());
    },
    [app],
  );
  return useSyncExternalStore(subscribe, () => read(app.lessons.world()));
}
