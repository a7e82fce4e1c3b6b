import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { toast, Toaster } from 'sonner';
import { useApp, useDoc } from './app-context';
import { Canvas } from './canvas/Canvas';
import type { OpFlowNode } from './canvas/OpNode';
import { measuredBoxes } from './canvas/measured-boxes';
import { commandForKey } from './commands';
import { ErrorDialog } from './ErrorDialog';
import { ExportDialog } from './export/ExportDialog';
import { GraphHeader } from './header/GraphHeader';
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
  const context = {
    app,
    openExport: () => setExporting(true),
    fitView: () => void flow.fitView({ padding: 0.2, duration: 200 }),
    measuredBoxes: () => measuredBoxes(flow),
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
      command.perform({
        ...context,
        openFile: () => document.querySelector<HTMLInputElement>('input[aria-label="Open graph file"]')?.click(),
        openFolder: () => document.querySelector<HTMLInputElement>('input[aria-label="Open model folder"]')?.click(),
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="editor">
      <Toolbar context={context} />
      <TrustBanner />
      <main className="workspace">
        <Palette />
        <div className="canvas-column">
          <GraphHeader />
          <Canvas />
        </div>
        <SidePanel />
      </main>
      <StatusBar />
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      {problem && <ErrorDialog problem={problem} onClose={() => setProblem(null)} />}
      <Toaster theme="system" position="bottom-center" offset={{ bottom: 44 }} />
    </div>
  );
}
