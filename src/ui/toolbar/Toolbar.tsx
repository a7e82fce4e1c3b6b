import { useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { BackendRequest } from '../../runtime/backend';
import { EXAMPLES } from '../../store/examples';
import { useApp, useDoc, useRun } from '../app-context';
import { COMMANDS, type Command, type CommandContext } from '../commands';
import { ComparePanel } from '../compare/ComparePanel';
import { pickedFiles } from '../dropped-files';
import { openExample, openGivenFiles } from '../file-actions';
import { LearnMenu } from '../lessons/LearnMenu';
import { PassesMenu } from '../plan/PassesMenu';
import { TimelinePanel } from '../timeline/TimelinePanel';
import { MemoryBudgetSelect } from './MemoryBudgetSelect';
import { ModeRadioGroup } from './ModeRadioGroup';
import { ModeExplainer } from './ModeExplainer';

/** File, history, run and mode controls; each button is a command with its shortcut in the tooltip. */
export function Toolbar({ context }: { context: Omit<CommandContext, 'openFile' | 'openFolder'> }) {
  const app = useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const mode = useRun((s) => s.mode);
  const running = useRun((s) => s.running);
  const stepping = useRun((s) => s.stepping);
  const backendRequest = useRun((s) => s.backendRequest);
  const canUndo = useStore(app.doc.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(app.doc.temporal, (s) => s.futureStates.length > 0);
  const hasNodes = useDoc((s) => s.graph.nodes.length > 0);
  const [explaining, setExplaining] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [timeline, setTimeline] = useState(false);
  const openTimeline = () => {
    app.run.setState({ comparison: null });
    setTimeline(true);
    void app.runner.compare({ profile: true });
  };
  const ctx: CommandContext = {
    ...context,
    openFile: () => fileInput.current?.click(),
    openFolder: () => folderInput.current?.click(),
  };

  // A disabled command stays focusable (aria-disabled) and says why, in its tooltip and its accessible description.
  const button = (command: Command, whyDisabled: string | null = null, extra?: string) => {
    const label = command.shortcut ? `${command.label} (${command.shortcut})` : command.label;
    return (
      <>
        <button
          type="button"
          onClick={() => whyDisabled === null && command.perform(ctx)}
          aria-disabled={whyDisabled !== null || undefined}
          aria-describedby={whyDisabled === null ? undefined : `${command.id}-disabled-reason`}
          title={whyDisabled === null ? label : `${label}: ${whyDisabled}`}
          aria-keyshortcuts={command.shortcut?.replace('Ctrl', 'Control')}
          className={extra}
        >
          {command.label}
        </button>
        {whyDisabled !== null && (
          <span id={`${command.id}-disabled-reason`} hidden>
            {whyDisabled}
          </span>
        )}
      </>
    );
  };
  const emptyGraph = hasNodes ? null : 'the graph is empty';

  return (
    <header className="toolbar" role="toolbar" aria-label="Editor toolbar">
      <span className="brand">Tensorloom</span>
      <div className="group" role="group" aria-label="File">
        {button(COMMANDS.newGraph)}
        {button(COMMANDS.open)}
        {button(COMMANDS.openFolder)}
        {button(COMMANDS.save)}
        {button(COMMANDS.exportGraph, emptyGraph)}
        {button(COMMANDS.copyLink)}
        <select
          className="examples-select"
          aria-label="Examples"
          value=""
          onChange={(e) => {
            if (e.target.value) void openExample(app, e.target.value);
          }}
        >
          <option value="">Examples…</option>
          {EXAMPLES.map((e) => (
            <option key={e.file} value={e.file}>
              {e.title}
            </option>
          ))}
        </select>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.bin,application/json"
          multiple
          hidden
          aria-label="Open graph file"
          onChange={(e) => {
            if (e.target.files?.length) void openGivenFiles(app, pickedFiles(e.target.files));
            e.target.value = '';
          }}
        />
        <input
          ref={folderInput}
          type="file"
          {...{ webkitdirectory: '' }}
          hidden
          aria-label="Open model folder"
          onChange={(e) => {
            if (e.target.files?.length) void openGivenFiles(app, pickedFiles(e.target.files));
            e.target.value = '';
          }}
        />
      </div>
      <div className="group" role="group" aria-label="History">
        {button(COMMANDS.undo, canUndo ? null : 'nothing to undo')}
        {button(COMMANDS.redo, canRedo ? null : 'nothing to redo')}
      </div>
      <div className="group" role="group" aria-label="Layout">
        {button(COMMANDS.tidy, emptyGraph)}
        <button
          type="button"
          onClick={() => COMMANDS.palette.perform(ctx)}
          aria-haspopup="dialog"
          aria-keyshortcuts="Control+K"
          title="Every command and op (Ctrl+K)"
        >
          Command palette
        </button>
      </div>
      <div className="group" role="group" aria-label="Execution">
        {button(COMMANDS.run, null, running ? 'primary busy' : 'primary')}
        <ModeRadioGroup />
        {button(
          COMMANDS.step,
          mode === 'eager' ? null : 'Step runs eagerly: switch to Eager',
          stepping ? 'stepping' : undefined,
        )}
        <PassesMenu />
        <button
          type="button"
          aria-haspopup="dialog"
          onClick={() => {
            app.run.setState({ comparison: null });
            setComparing(true);
            void app.runner.compare();
          }}
          title="Run both modes and compare"
        >
          Compare
        </button>
        <button
          type="button"
          aria-haspopup="dialog"
          onClick={openTimeline}
          title="Run both modes profiled: where each node's time goes, its kernels and syncs with the host"
        >
          Timeline
        </button>
        <button
          type="button"
          aria-expanded={explaining}
          aria-controls="mode-explainer"
          onClick={() => setExplaining((v) => !v)}
          title="What eager and graph mode do"
        >
          Eager vs graph?
        </button>
      </div>
      <div className="group" role="group" aria-label="Backend">
        <select
          aria-label="Backend"
          value={backendRequest}
          onChange={(e) => void app.runner.start(e.target.value as BackendRequest)}
        >
          <option value="auto">Auto: WebGPU, else CPU</option>
          <option value="webgpu">WebGPU</option>
          <option value="cpu">CPU</option>
        </select>
        <MemoryBudgetSelect />
      </div>
      <div className="group" role="group" aria-label="Learn">
        <LearnMenu />
      </div>
      {explaining && <ModeExplainer onClose={() => setExplaining(false)} />}
      {comparing && (
        <ComparePanel
          onClose={() => setComparing(false)}
          onTimeline={() => {
            setComparing(false);
            openTimeline();
          }}
        />
      )}
      {timeline && <TimelinePanel onClose={() => setTimeline(false)} />}
    </header>
  );
}
