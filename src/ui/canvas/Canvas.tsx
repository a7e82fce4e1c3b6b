import {
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import type { Position } from '../../graph/types';
import { useApp } from '../app-context';
import { droppedFiles } from '../dropped-files';
import { openGivenFiles } from '../file-actions';
import { OP_DRAG_TYPE } from '../palette/Palette';
import { CollapsibleMinimap } from './CollapsibleMinimap';
import { newNodeSpot } from './new-node-spot';
import { OpNode, type OpFlowNode } from './OpNode';
import { QuickAdd } from './QuickAdd';
import { RoutedEdge } from './RoutedEdge';
import { useFlowElements, type Dimensions } from './use-flow-elements';
import { useOpeningView } from './use-opening-view';

// Module level: a new object on each render would make React Flow re-create every node.
const NODE_TYPES = { op: OpNode };
const EDGE_TYPES = { routed: RoutedEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
const FIT_VIEW = { padding: 0.15, maxZoom: 1.2 };

/** The graph on a React Flow canvas: drag, connect, select, delete; drop ops and files on it. */
export function Canvas() {
  const app = useApp();
  // Measured sizes live here: the nodes are rebuilt from the document, which knows nothing of them.
  const [measured, setMeasured] = useState<ReadonlyMap<string, Dimensions>>(new Map());
  const { nodes, edges } = useFlowElements(measured);
  const flow = useReactFlow<OpFlowNode>();
  const [quickAdd, setQuickAdd] = useState<{ screen: Position; flow: Position } | null>(null);
  const pointer = useRef<Position | null>(null);

  // Shift+A (Blender's habit) opens the same search as a double-click, at the pointer.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.shiftKey || e.key.toLowerCase() !== 'a' || e.ctrlKey || e.metaKey) return;
      if ((e.target as HTMLElement | null)?.closest?.('input, textarea, select, [contenteditable="true"]')) return;
      const box = document.querySelector('.canvas')?.getBoundingClientRect();
      const screen = pointer.current ?? (box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null);
      if (!screen) return;
      e.preventDefault();
      setQuickAdd({ screen, flow: flow.screenToFlowPosition(screen) });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flow]);

  const canvas = useRef<HTMLDivElement>(null);
  useOpeningView(canvas);

  const onNodesChange = useCallback(
    (changes: NodeChange<OpFlowNode>[]) => {
      const moved = new Map<string, Position>();
      const sized = new Map<string, Dimensions>();
      const selected = new Set(app.selection.getState().nodes);
      let selectionChanged = false;
      for (const c of changes) {
        if (c.type === 'position' && c.position) moved.set(c.id, c.position);
        else if (c.type === 'dimensions' && c.dimensions) sized.set(c.id, c.dimensions);
        else if (c.type === 'select') {
          selectionChanged = true;
          if (c.selected) selected.add(c.id);
          else selected.delete(c.id);
        }
      }
      if (moved.size) app.doc.getState().dragNodes(moved);
      if (sized.size) setMeasured((m) => new Map([...m, ...sized]));
      if (selectionChanged) app.selection.setState({ nodes: [...selected] });
    },
    [app],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const selected = new Set(app.selection.getState().edges);
      let selectionChanged = false;
      for (const c of changes)
        if (c.type === 'select') {
          selectionChanged = true;
          if (c.selected) selected.add(c.id);
          else selected.delete(c.id);
        }
      if (selectionChanged) app.selection.setState({ edges: [...selected] });
    },
    [app],
  );

  const onDelete = useCallback(
    ({ nodes: n, edges: e }: { nodes: OpFlowNode[]; edges: Edge[] }) => {
      const doc = app.doc.getState();
      if (n.length) doc.removeNodes(n.map((x) => x.id));
      const gone = new Set(n.map((x) => x.id));
      const loose = e.filter((x) => !gone.has(x.source) && !gone.has(x.target));
      if (loose.length) doc.removeEdges(loose.map((x) => x.id));
    },
    [app],
  );

  const connect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      const result = app.doc.getState().connect({
        source: c.source,
        sourcePort: c.sourceHandle,
        target: c.target,
        targetPort: c.targetHandle,
      });
      app.run.setState({ notice: result.ok ? null : { text: `Cannot connect: ${result.reason}`, tone: 'error' } });
    },
    [app],
  );

  // Every structurally possible drop is attempted, so that a refused one can say why.
  const onConnectEnd = useCallback(
    (_: unknown, state: FinalConnectionState) => {
      if (state.isValid || !state.fromHandle || !state.toHandle) return;
      const [from, to] =
        state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
      connect({ source: from.nodeId, sourceHandle: from.id ?? null, target: to.nodeId, targetHandle: to.id ?? null });
    },
    [connect],
  );

  const isValidConnection = useCallback(
    (c: Connection | Edge) => {
      const { graph } = app.doc.getState();
      return c.source !== c.target && !!graph.nodes.find((n) => n.id === c.target) && !!c.targetHandle;
    },
    [app],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = event.dataTransfer.types.includes('Files') ? 'copy' : 'move';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      if (event.dataTransfer.files.length) {
        void droppedFiles(event.dataTransfer).then((files) => openGivenFiles(app, files));
        return;
      }
      const op = event.dataTransfer.getData(OP_DRAG_TYPE);
      if (!op) return;
      const dropped = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const { x, y } = newNodeSpot(app.doc.getState().graph, flow, op, dropped);
      const id = app.doc.getState().addNode(op, { x, y });
      app.selection.setState({ nodes: [id], edges: [] });
    },
    [app, flow],
  );

  const onDoubleClick = useCallback(
    (event: MouseEvent) => {
      if (!(event.target as HTMLElement).classList.contains('react-flow__pane')) return;
      const screen = { x: event.clientX, y: event.clientY };
      setQuickAdd({ screen, flow: flow.screenToFlowPosition(screen) });
    },
    [flow],
  );

  return (
    <div
      ref={canvas}
      className="canvas"
      onDoubleClick={onDoubleClick}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onMouseMove={(e) => (pointer.current = { x: e.clientX, y: e.clientY })}
      onMouseLeave={() => (pointer.current = null)}
    >
      <ReactFlow<OpFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={() => app.doc.getState().commitMove()}
        onDelete={onDelete}
        onConnect={connect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode="Shift"
        zoomOnDoubleClick={false}
        onlyRenderVisibleElements
        minZoom={0.1}
        colorMode="system"
        aria-label="Graph canvas"
      >
        <Background gap={24} />
        <Controls aria-label="Canvas controls" fitViewOptions={FIT_VIEW} />
        <CollapsibleMinimap />
      </ReactFlow>
      {quickAdd && (
        <QuickAdd
          at={quickAdd.screen}
          onPick={(op) => {
            const { x, y } = newNodeSpot(app.doc.getState().graph, flow, op, quickAdd.flow);
            const id = app.doc.getState().addNode(op, { x, y });
            app.selection.setState({ nodes: [id], edges: [] });
            setQuickAdd(null);
          }}
          onClose={() => setQuickAdd(null)}
        />
      )}
    </div>
  );
}
