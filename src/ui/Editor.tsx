import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { useApp } from './app-context';
import { Canvas } from './canvas/Canvas';
import type { OpFlowNode } from './canvas/OpNode';
import { measuredBoxes } from './canvas/measured-boxes';
import { commandForKey } from './commands';
import { ErrorDialog } from './ErrorDialog';
import { ExportDialog } from './export/ExportDialog';
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
        <Canvas />
        <SidePanel />
      </main>
      <StatusBar />
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      {problem && <ErrorDialog problem={problem} onClose={() => setProblem(null)} />}
    </div>
  );
}
