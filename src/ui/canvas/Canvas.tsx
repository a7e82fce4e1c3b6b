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
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent,
  type RefObject,
} from 'react';
import { draggedPort, opsFittingPort, type FittingOp } from '../../graph/port-fit';
import type { Position } from '../../graph/types';
import { registry } from '../../ops/registry';
import { validationOf } from '../../store/document-store';
import { useApp, useRun } from '../app-context';
import { droppedFiles } from '../dropped-files';
import { openGivenFiles } from '../file-actions';
import { OP_DRAG_TYPE } from '../palette/Palette';
import { addNodeAt } from './add-node';
import { CanvasActionsContext, type CanvasActions, type PortEnd } from './canvas-actions';
import { CollapsibleMinimap } from './CollapsibleMinimap';
import { connectPorts } from './connect-ports';
import { ConnectList } from './ConnectList';
import { OpNode, type OpFlowNode } from './OpNode';
import type { OverlayMode } from './overlay/node-heat';
import { OverlayPanel } from './overlay/OverlayPanel';
import { useNodeHeat } from './overlay/use-node-heat';
import { PlanLinks } from '../plan/PlanLinks';
import { PlanPanel } from '../plan/PlanPanel';
import { usePlanMarks } from '../plan/use-plan-marks';
import { QuickAdd } from './QuickAdd';
import { TensorEdge } from './TensorEdge';
import { useFlowElements, type Dimensions } from './use-flow-elements';
import { useNodeDrag } from './use-node-drag';
import { useNodeKeys } from './use-node-keys';
import { useOpeningView } from './use-opening-view';

// Module level: a new object on each render would make React Flow re-create every node.
const NODE_TYPES = { op: OpNode };
const EDGE_TYPES = { tensor: TensorEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
const FIT_VIEW = { padding: 0.15, maxZoom: 1.2 };
const ARIA_LABELS = {
  'node.a11yDescription.default':
    'Enter selects the node; Delete removes it. Arrows move to the next node along the wires (right: a consumer, left: a producer, up and down: a sibling); Alt+arrows move the selected nodes. Tab reaches its ports, where Enter opens Connect….',
};
const PLACEABLE = [...registry.values()].filter((op) => op.placeable !== false);

/** The quick-add search: where it opens, and for a wire dropped on empty canvas, the wire. */
interface QuickAddAt {
  readonly screen: Position;
  readonly flow: Position;
  readonly wire?: { readonly from: PortEnd; readonly fitting: readonly FittingOp[] };
}

/** The graph on a React Flow canvas: drag, connect, select, delete; drop ops and files on it. */
export function Canvas({ quickAddRef }: { quickAddRef: RefObject<(() => void) | null> }) {
  const app = useApp();
  // Measured sizes live here: the nodes are rebuilt from the document, which knows nothing of them.
  const [measured, setMeasured] = useState<ReadonlyMap<string, Dimensions>>(new Map());
  const [overlay, setOverlay] = useState<OverlayMode>('none');
  const heat = useNodeHeat(overlay);
  const planShown = useRun((s) => s.planShown);
  const plan = usePlanMarks(planShown);
  const { nodes, edges } = useFlowElements(measured, heat.heats, plan.nodes);
  const flow = useReactFlow<OpFlowNode>();
  const [quickAdd, setQuickAdd] = useState<QuickAddAt | null>(null);
  const [connecting, setConnecting] = useState<{ from: PortEnd; at: Position } | null>(null);
  const actions = useMemo<CanvasActions>(() => ({ openConnect: (from, at) => setConnecting({ from, at }) }), []);
  const pointer = useRef<Position | null>(null);

  const canvas = useRef<HTMLDivElement>(null);
  // The quick-add command (Shift+A, Blender's habit) opens the same search as a double-click, at the pointer.
  useEffect(() => {
    quickAddRef.current = () => {
      const box = canvas.current?.getBoundingClientRect();
      const screen = pointer.current ?? (box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null);
      if (screen) setQuickAdd({ screen, flow: flow.screenToFlowPosition(screen) });
    };
    return () => {
      quickAddRef.current = null;
    };
  }, [flow, quickAddRef]);

  useOpeningView(canvas);
  const onNodeKeys = useNodeKeys(flow, canvas);
  const { dragging, onNodeDragStart, onNodeDrag, onNodeDragStop, onSelectionDragStop } = useNodeDrag();

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
      if (moved.size) {
        app.doc.getState().dragNodes(moved);
        // A move that is no drag (none is under way) is an undo step of its own.
        const dragged = changes.some((c) => c.type === 'position' && c.dragging);
        if (!dragging.current && !dragged) app.doc.getState().commitMove();
      }
      if (sized.size) setMeasured((m) => new Map([...m, ...sized]));
      if (selectionChanged) app.selection.setState({ nodes: [...selected] });
    },
    [app, dragging],
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
      if (n.length || e.length)
        app.doc.getState().remove(
          n.map((x) => x.id),
          e.map((x) => x.id),
        );
    },
    [app],
  );

  const connect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      connectPorts(app, { source: c.source, sourcePort: c.sourceHandle, target: c.target, targetPort: c.targetHandle });
    },
    [app],
  );

  // Every structurally possible drop is attempted, so that a refused one can say why. A wire
  // dropped on empty canvas opens quick-add there, offering the ops that fit its port.
  const onConnectEnd = useCallback(
    (event: globalThis.MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromHandle) return;
      if (!state.toHandle) {
        const point = 'changedTouches' in event ? event.changedTouches[0] : event;
        if (!point || !(event.target as Element | null)?.classList.contains('react-flow__pane')) return;
        const { fromHandle } = state;
        if (!fromHandle.id) return;
        const from: PortEnd = {
          node: fromHandle.nodeId,
          port: fromHandle.id,
          side: fromHandle.type === 'source' ? 'output' : 'input',
        };
        const validation = validationOf(app.doc.getState().graph);
        const fitting = opsFittingPort(PLACEABLE, draggedPort(validation, from.node, from.port, from.side));
        const screen = { x: point.clientX, y: point.clientY };
        setQuickAdd({ screen, flow: flow.screenToFlowPosition(screen), wire: { from, fitting } });
        return;
      }
      const [from, to] =
        state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
      connect({ source: from.nodeId, sourceHandle: from.id ?? null, target: to.nodeId, targetHandle: to.id ?? null });
    },
    [app, flow, connect],
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
      if (canvas.current) addNodeAt(app, flow, canvas.current, op, dropped);
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
      id="canvas"
      tabIndex={-1}
      className="canvas"
      onKeyDownCapture={onNodeKeys}
      onDoubleClick={onDoubleClick}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onMouseMove={(e) => (pointer.current = { x: e.clientX, y: e.clientY })}
      onMouseLeave={() => (pointer.current = null)}
    >
      <CanvasActionsContext.Provider value={actions}>
        <ReactFlow<OpFlowNode, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStart={onNodeDragStart}
          onNodeDrag={onNodeDrag}
          onSelectionDragStart={onNodeDragStart}
          onSelectionDragStop={onSelectionDragStop}
          onNodeDragStop={onNodeDragStop}
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
          ariaLabelConfig={ARIA_LABELS}
        >
          <Background gap={24} />
          <Controls aria-label="Canvas controls" fitViewOptions={FIT_VIEW} />
          <CollapsibleMinimap />
          <OverlayPanel mode={overlay} onChange={setOverlay} scale={heat.scale} />
          <PlanPanel shown={planShown} onToggle={() => app.run.setState({ planShown: !planShown })} />
          <PlanLinks links={plan.links} />
        </ReactFlow>
      </CanvasActionsContext.Provider>
      {quickAdd && (
        <QuickAdd
          at={quickAdd.screen}
          fitting={quickAdd.wire?.fitting ?? null}
          onPick={(op, port) => {
            const wire = quickAdd.wire && port !== null ? { from: quickAdd.wire.from, port } : undefined;
            setQuickAdd(null);
            if (canvas.current) addNodeAt(app, flow, canvas.current, op, quickAdd.flow, wire);
          }}
          onClose={() => setQuickAdd(null)}
        />
      )}
      {connecting && <ConnectList from={connecting.from} at={connecting.at} onClose={() => setConnecting(null)} />}
    </div>
  );
}
