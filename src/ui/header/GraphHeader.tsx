import type { KeyboardEvent } from 'react';
import { useApp, useDoc } from '../app-context';

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * The graph's name and description above the canvas, edited in place: each edit, committed when
 * the field is left (or with Enter), is one undo step. Save names the file after the graph.
 */
export function GraphHeader() {
  const app = useApp();
  const name = useDoc((s) => s.graph.name ?? '');
  const description = useDoc((s) => s.graph.description ?? '');
  const describe = (about: { name?: string; description?: string }) =>
    app.doc.getState().describe({ name, description, ...about });
  // Enter commits (Shift+Enter starts a new line of the description); Escape takes the edit back.
  const onKeyDown = (e: KeyboardEvent<Field>, saved: string) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      e.currentTarget.blur();
    } else if (e.key === 'Escape') {
      e.currentTarget.value = saved;
      e.currentTarget.blur();
    }
  };
  return (
    <section className="graph-header" aria-label="Graph">
      <input
        className="graph-name"
        aria-label="Graph name"
        placeholder="Untitled graph"
        defaultValue={name}
        key={`name:${name}`}
        onKeyDown={(e) => onKeyDown(e, name)}
        onBlur={(e) => e.target.value.trim() !== name && describe({ name: e.target.value })}
      />
      <textarea
        className="graph-description"
        aria-label="Graph description"
        placeholder="What this graph is for…"
        rows={1}
        defaultValue={description}
        key={`description:${description}`}
        onKeyDown={(e) => onKeyDown(e, description)}
        onBlur={(e) => e.target.value.trim() !== description && describe({ description: e.target.value })}
      />
    </section>
  );
}
