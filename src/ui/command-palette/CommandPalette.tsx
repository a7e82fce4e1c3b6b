import { useReactFlow } from '@xyflow/react';
import { Command } from 'cmdk';
import type { KeyboardEvent } from 'react';
import { useApp } from '../app-context';
import { addNodeAt } from '../canvas/add-node';
import type { OpFlowNode } from '../canvas/OpNode';
import { paletteCommands, type CommandContext } from '../commands';
import { CATEGORY_LABELS, searchOps } from '../palette/op-search';
import { useReturnFocus } from '../use-return-focus';
import './command-palette.css';

const OPS = searchOps('');

/**
 * Ctrl+K: every command, with its shortcut, and every op (added at a free spot in view, as a
 * palette click adds it), searchable. Esc closes it and gives the focus back.
 */
export function CommandPalette({ context, onClose }: { context: CommandContext; onClose: () => void }) {
  const app = useApp();
  const flow = useReactFlow<OpFlowNode>();
  useReturnFocus();

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') e.preventDefault();
  };

  return (
    <div className="command-palette-backdrop" onMouseDown={onClose}>
      <div
        className="command-palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        onKeyDown={onKeyDown}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <Command label="Search commands and ops" loop>
          <Command.Input autoFocus placeholder="Type a command or an op…" />
          <Command.List aria-label="Commands and ops">
            <Command.Empty>Nothing matches.</Command.Empty>
            {/* One list, not a group of commands and a group of ops: cmdk 1.1 orders the items of a
                group by how well they match, but not its groups, so a weak match among the commands
                (a lesson's title) would come before an exact op. */}
            {paletteCommands().map((command) => (
              <Command.Item
                key={command.id}
                value={`command ${command.label}`}
                aria-label={command.label}
                aria-keyshortcuts={command.shortcut?.replace('Ctrl', 'Control')}
                onSelect={() => {
                  onClose();
                  command.perform(context);
                }}
              >
                <span>{command.label}</span>
                {/* Drawn by CSS from data-shortcut and told by aria-keyshortcuts: as text, it would make the
                      visible label differ from the option's name (axe: label-content-name-mismatch). */}
                {command.shortcut && <kbd aria-hidden="true" data-shortcut={command.shortcut} />}
              </Command.Item>
            ))}
            {OPS.map((op) => (
              <Command.Item
                key={op.name}
                value={`add ${op.name}`}
                keywords={[CATEGORY_LABELS[op.category]]}
                aria-label={`Add ${op.name}`}
                onSelect={() => {
                  onClose();
                  const canvas = document.getElementById('canvas');
                  if (canvas) addNodeAt(app, flow, canvas, op.name, 'in-view');
                }}
              >
                <span>Add {op.name}</span>
                <span className="muted command-palette-doc" aria-hidden="true">
                  {op.doc}
                </span>
              </Command.Item>
            ))}
          </Command.List>
        </Command>
      </div>
    </div>
  );
}
