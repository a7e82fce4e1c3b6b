import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { heatColour } from './overlay/node-heat';
import { NodePreview } from './previews/NodePreview';
import { PlanChips } from '../plan/PlanChips';
import type { OpNodeData } from './node-view-model';
import { PortHandle } from './PortHandle';

export type OpFlowNode = Node<OpNodeData, 'op'>;

const STATUS_TEXT: Record<OpNodeData['status'], string> = {
  ok: 'ok',
  running: 'running',
  stale: 'stale',
  error: 'error',
  skipped: 'skipped',
  pending: 'not run',
  pruned: 'not needed',
  folded: 'folded',
  merged: 'merged',
  simplified: 'simplified',
  constant: 'constant',
  invalid: 'invalid',
};

/** A node on the canvas: op, name, ports with their types, key attributes, status and a value preview. */
export const OpNode = memo(function OpNode({ id, data, selected }: NodeProps<OpFlowNode>) {
  const rows = Math.max(data.inputs.length, data.outputs.length);
  const first = data.outputs[0];
  return (
    <div
      className={`op-node status-${data.status}${selected ? ' selected' : ''}${data.current ? ' current' : ''}${data.plan?.faded ? ' plan-faded' : ''}`}
      role="group"
      aria-label={`${data.op} node ${data.label}`}
      aria-current={data.current ? 'step' : undefined}
      style={data.heat ? { background: heatColour(data.heat.mode, data.heat.t) } : undefined}
    >
      <header className="op-node-header">
        <span className="op-node-op">{data.op}</span>
        {data.label !== data.op && <span className="op-node-label">{data.label}</span>}
        {data.warning && (
          <span
            className="op-node-warning"
            role="img"
            aria-label={`May differ from TensorFlow: ${data.warning}`}
            title={data.warning}
          >
            ⚠
          </span>
        )}
        <span className={`op-node-status status-${data.status}`} title={data.message ?? STATUS_TEXT[data.status]}>
          {STATUS_TEXT[data.status]}
        </span>
      </header>
      <div className="op-node-ports">
        {Array.from({ length: rows }, (_, i) => {
          const input = data.inputs[i];
          const output = data.outputs[i];
          return (
            <div className="op-node-row" key={i}>
              <span className="op-node-in">
                {input && (
                  <>
                    <PortHandle side="input" node={id} nodeLabel={data.label} port={input} title={input.label} />
                    {input.label}
                  </>
                )}
              </span>
              <span className="op-node-out">
                {output && (
                  <>
                    {output.label}
                    {output.type && <span className="op-node-type"> {output.type}</span>}
                    <PortHandle
                      side="output"
                      node={id}
                      nodeLabel={data.label}
                      port={output}
                      title={output.type ?? output.label}
                    />
                  </>
                )}
              </span>
            </div>
          );
        })}
      </div>
      {data.attrs && <div className="op-node-attrs">{data.attrs}</div>}
      {data.message ? (
        <div className="op-node-message" role="note">
          {data.message}
        </div>
      ) : (
        first?.summary && <NodePreview nodeId={id} port={first.id} label={data.label} summary={first.summary} />
      )}
      {data.heat && <div className="op-node-heat">{data.heat.text}</div>}
      {data.plan && <PlanChips plan={data.plan} />}
    </div>
  );
});
