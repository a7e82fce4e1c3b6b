import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { toast, Toaster } from 'sonner';
import { useApp, useDoc } from './app-context';
import { Canvas } from './canvas/Canvas';
import type { OpFlowNode } from './canvas/OpNode';
import { measuredBoxes } from './canvas/measured-boxes';
import { CommandPalette } from './command-palette/CommandPalette';
import './keyboard.css';
import { commandForKey, type CommandContext } from './commands';
import { ErrorDialog } from './ErrorDialog';
import { ExportDialog } from './export/ExportDialog';
import { GraphHeader } from './header/GraphHeader';
import { LessonCard } from './lessons/LessonCard';
import { setFileProblemListener, type FileProblem } from './file-actions';
import { Palette } from './palette/Palette';
import { SidePanel } from './panel/SidePanel';
import { StatusBar } from './status/StatusBar';
import { Toolbar } from './toolbar/Toolbar';
import { TrustBanner } from './TrustBanner';

export function Editor() {
  return (
    <ReactFlowProvider>
      <EditorLayout />
    </ReactFlowProvider>
  );
}

function EditorLayout() {
  const app = useApp();
  const flow = useReactFlow<OpFlowNode>();
  const [problem, setProblem] = useState<FileProblem | null>(null);
  const [exporting, setExporting] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const quickAdd = useRef<(() => void) | null>(null);
  const context = {
    app,
    openExport: () => setExporting(true),
    openPalette: () => setPaletteOpen(true),
    openQuickAdd: () => quickAdd.current?.(),
    fitView: () => void flow.fitView({ padding: 0.2, duration: 200 }),
    measuredBoxes: () => measuredBoxes(flow),
  };
  const fullContext: CommandContext = {
    ...context,
    openFile: () => document.querySelector<HTMLInputElement>('input[aria-label="Open graph file"]')?.click(),
    openFolder: () => document.querySelector<HTMLInputElement>('input[aria-label="Open model folder"]')?.click(),
  };

  useEffect(() => setFileProblemListener(setProblem), []);

  // A confirmation is about the graph it was given for ("link copied"): another graph opened ends it.
  const loads = useDoc((s) => s.loads);
  useEffect(() => {
    toast.dismiss();
  }, [loads]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandForKey(e);
      if (!command) return;
      e.preventDefault();
      command.perform(fullContext);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="editor">
      <a className="skip-link" href="#canvas" onClick={skipToCanvas}>
        Skip to canvas
      </a>
      <Toolbar context={context} />
      <TrustBanner />
      <main className="workspace">
        <Palette />
        <div className="canvas-column">
          <GraphHeader />
          <Canvas quickAddRef={quickAdd} />
          <LessonCard />
        </div>
        <SidePanel />
      </main>
      <StatusBar />
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      {paletteOpen && <CommandPalette context={fullContext} onClose={() => setPaletteOpen(false)} />}
      {problem && <ErrorDialog problem={problem} onClose={() => setProblem(null)} />}
      {/* Above the status bar, which takes two lines on a narrow screen. */}
      <Toaster theme="system" position="bottom-center" offset={{ bottom: 84 }} />
    </div>
  );
}

/** The skip link lands on the selected node, else the first one, else the canvas itself. */
function skipToCanvas(event: MouseEvent) {
  const canvas = document.getElementById('canvas');
  if (!canvas) return;
  event.preventDefault();
  const node =
    canvas.querySelector<HTMLElement>('.react-flow__node.selected') ??
    canvas.querySelector<HTMLElement>('.react-flow__node');
  (node ?? canvas).focus();
}
